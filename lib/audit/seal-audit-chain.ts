import 'server-only';
import { logger } from '@/lib/observability/logger';
import { chainHash, GENESIS_HASH } from './chain';
import { EVENT_COLUMNS_SQL, eventFromRow } from './event-rows';
import { withArrayTransaction } from './raw-read';

/** Any constant works; it only has to be the same for every sealer of the chain. */
const AUDIT_SEAL_LOCK = 7_310_462_002;
const BATCH = 5000;

export interface SealResult {
  /** Events appended to the chain by this pass. */
  sealed: number;
  /** The chain's length after the pass. */
  head: number;
  /** Every event whose transaction id is below this is now in the chain. */
  horizon: string;
}

/**
 * One sealing pass: appends to `audit_chain`, in `seq` order, every event whose transaction ended since the
 * last pass. H = xmin of the current snapshot is the oldest transaction still running, so every event with
 * last horizon ≤ txid < H belongs to a transaction that has committed (the event is visible) or rolled
 * back (there is no event), and no transaction can still add one there: that set is final. Events of
 * transactions still open stay for a later pass, so a long-running transaction delays sealing (of its own
 * and every later event) until it ends, and never breaks the chain.
 *
 * One sealer at a time (advisory lock, so several server processes are safe). `wait: false` returns null
 * at once when another pass holds the lock; `wait: true` waits for it and then seals what is left, so the
 * chain covers everything committed before the call.
 */
export async function sealAuditChain(opts: { wait?: boolean } = {}): Promise<SealResult | null> {
  return withArrayTransaction('write', async (q) => {
    if (opts.wait) await q('select pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
    else if ((await q('select pg_try_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]))[0][0] !== true) return null;

    const [[last, horizon, headPosition, headHash]] = (await q(`
      select s.horizon::text, pg_snapshot_xmin(pg_current_snapshot())::text, h.position::text, h.hash
      from audit_seal_state s
      left join (select c.position, c.hash from audit_chain c order by c.position desc limit 1) h on true
      where s.id = 1`)) as [string, string, string | null, string | null][];
    let position = headPosition === null ? 0 : Number(headPosition);
    let prevHash = headHash ?? GENESIS_HASH;
    if (BigInt(horizon) <= BigInt(last)) return { sealed: 0, head: position, horizon: last };

    let sealed = 0;
    let afterSeq = 0;
    for (;;) {
      const rows = await q(
        `select ${EVENT_COLUMNS_SQL} from audit_events e
         where e.txid >= $1::xid8 and e.txid < $2::xid8 and e.seq > $3 order by e.seq limit ${BATCH}`,
        [last, horizon, afterSeq],
      );
      if (rows.length === 0) break;
      const links: { position: number; event_seq: number; prev_hash: string; hash: string }[] = [];
      for (const row of rows) {
        const event = eventFromRow(row)!;
        position += 1;
        const hash = chainHash(prevHash, event, position);
        links.push({ position, event_seq: event.seq, prev_hash: prevHash, hash });
        prevHash = hash;
        afterSeq = event.seq;
      }
      await q(
        `insert into audit_chain (position, event_seq, prev_hash, hash)
         select position, event_seq, prev_hash, hash from jsonb_to_recordset($1::jsonb) as x(position bigint, event_seq bigint, prev_hash text, hash text)`,
        [JSON.stringify(links)],
      );
      sealed += rows.length;
      if (rows.length < BATCH) break;
    }
    await q('update audit_seal_state set horizon = $1::xid8, sealed_at = now() where id = 1', [horizon]);
    return { sealed, head: position, horizon };
  });
}

type Loop = { timer: NodeJS.Timeout | null; running: Promise<void> | null; stopped: boolean };
const holder = globalThis as unknown as { __modelkeepAuditSealLoop?: Loop };

/**
 * Seals in the background every `intervalMs` until stopped. One loop per process (a second start is a
 * no-op); several processes are safe, as each pass only tries the lock. The timer never keeps the process
 * alive, and a failed pass is logged and retried at the next tick.
 */
export function startAuditSealLoop(intervalMs = 500): { stop(): Promise<void> } {
  const existing = holder.__modelkeepAuditSealLoop;
  if (existing && !existing.stopped) return { stop: () => stopLoop(existing) };
  const loop: Loop = { timer: null, running: null, stopped: false };
  holder.__modelkeepAuditSealLoop = loop;
  let failures = 0;
  const tick = () => {
    loop.running = sealAuditChain({ wait: false })
      .then((r) => {
        if (failures > 0) logger.info({ failures }, 'audit sealing recovered');
        failures = 0;
        if (r && r.sealed > 0) logger.debug({ sealed: r.sealed, head: r.head }, 'audit events sealed');
      })
      .catch((err: unknown) => {
        failures += 1;
        logger.error({ err: err instanceof Error ? err.message : String(err), failures }, 'audit sealing pass failed');
      })
      .finally(() => {
        loop.running = null;
        if (!loop.stopped) {
          loop.timer = setTimeout(tick, intervalMs);
          loop.timer.unref();
        }
      });
  };
  loop.timer = setTimeout(tick, intervalMs);
  loop.timer.unref();
  return { stop: () => stopLoop(loop) };
}

async function stopLoop(loop: Loop): Promise<void> {
  loop.stopped = true;
  if (loop.timer) clearTimeout(loop.timer);
  await loop.running;
  if (holder.__modelkeepAuditSealLoop === loop) holder.__modelkeepAuditSealLoop = undefined;
}
