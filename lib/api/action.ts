import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/page-actor';
import { isAppError, type ValidationError } from '@/lib/errors';

/** What a server action hands back to its form (`useActionState`): serialisable, errors keyed by field. */
export interface ActionState<T = unknown> {
  ok: boolean | null;
  message?: string;
  code?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
}

export const INITIAL_ACTION_STATE: ActionState = { ok: null };

/** FormData as a plain object; repeated keys become arrays, empty strings are dropped. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === 'string' && v !== '');
    if (values.length === 0) continue;
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/**
 * The form as a service's input, with `extra` (e.g. a bound id) on top. The cast trusts nothing:
 * the service parses its input with its own schema and names the fields that are wrong.
 */
export function formInput<I>(form: FormData, extra: Record<string, unknown> = {}): I {
  return { ...formToObject(form), ...extra } as I;
}

/**
 * The one shape of a server action: resolve the actor (no session → sign-in page), call the service,
 * revalidate, and turn domain errors into form state. Unknown errors are re-thrown to `error.tsx`, so
 * their text never reaches the browser.
 */
export async function runAction<T>(call: (actor: Actor) => Promise<T>, opts: { revalidate?: string[]; message?: string } = {}): Promise<ActionState<T>> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  try {
    const data = await call(actor);
    for (const path of opts.revalidate ?? []) revalidatePath(path);
    return { ok: true, message: opts.message, data };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const fieldErrors = e.kind === 'validation' ? Object.fromEntries((e as ValidationError).issues.map((i) => [i.path, i.message])) : undefined;
    return { ok: false, code: e.code, message: e.message, fieldErrors };
  }
}
