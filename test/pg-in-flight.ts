import { Client } from 'pg';
import { vi } from 'vitest';

/**
 * Runs `fn` and answers how many queries one pg client had unanswered at once, at most (0 on PGlite: no
 * pg client). A transaction is one connection: more than 1 means queries were queued on a busy client,
 * which pg 8 deprecates ("already executing a query") and pg 9 refuses.
 */
export async function mostQueriesInFlight(fn: () => Promise<void>): Promise<number> {
  const inFlight = new WeakMap<object, number>();
  let most = 0;
  const original = Client.prototype.query;
  const spy = vi.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
    const now = (inFlight.get(this) ?? 0) + 1;
    inFlight.set(this, now);
    most = Math.max(most, now);
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    const settle = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
    if (result instanceof Promise) result.then(settle, settle);
    else settle();
    return result as never;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return most;
}
