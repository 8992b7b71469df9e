import 'server-only';
import { logger } from '@/lib/observability/logger';
import { chainHash, GENESIS_HASH, sealHorizon } from './chain';
import { EVENT_JSON_SQL, eventFromJson } from './event-rows';
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
 * last pass. H is the oldest transaction of this database still running (see `sealHorizon`), so every
 * event with last horizon ≤ txid < H belongs to a transaction that has committed (the event is visible) or
 * rolled back (there is no event), and no transaction can still add one there (a transaction id assigned
 * later is at least H): that set is final. Events of
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

    const [[last, xmax, inProgress, ours, headPosition, headHash]] = (await q(`
      select s.horizon::text, pg_snapshot_xmax(pg_current_snapshot())::text,
             (select array_agg(x::text) from pg_snapshot_xip(pg_current_snapshot()) x),
             (select array_agg(a.backend_xid::text) from pg_stat_activity a where a.datname = current_database() and a.backend_xid is not null),
             h.position::text, h.hash
      from audit_seal_state s
      left join (select c.position, c.hash from audit_chain c order by c.position desc limit 1) h on true
      where s.id = 1`)) as [string, string, string[] | null, string[] | null, string | null, string | null][];
    const horizon = sealHorizon(xmax, inProgress ?? [], ours ?? []);
    let position = headPosition === null ? 0 : Number(headPosition);
    let prevHash = headHash ?? GENESIS_HASH;
    if (BigInt(horizon) <= BigInt(last)) return { sealed: 0, head: position, horizon: last };

    // The window's events in seq order: first their seqs (one pass over the txid index), then their
    // content in batches by primary key, so a large backlog is never re-sorted batch after batch.
    const seqs = (await q('select e.seq::text from audit_events e where e.txid >= $1::xid8 and e.txid < $2::xid8 order by e.seq', [last, horizon])).map((r) => r[0] as string);
    for (let from = 0; from < seqs.length; from += BATCH) {
      const batch = seqs.slice(from, from + BATCH);
      const rows = await q(`select ${EVENT_JSON_SQL} from audit_events e where e.seq = any(string_to_array($1, ',')::bigint[]) order by e.seq`, [batch.join(',')]);
      const links: { position: number; event_seq: number; prev_hash: string; hash: string }[] = [];
      for (const row of rows) {
        const event = eventFromJson(row[0])!;
        position += 1;
        const hash = chainHash(prevHash, event, position);
        links.push({ position, event_seq: event.seq, prev_hash: prevHash, hash });
        prevHash = hash;
      }
      await q(
        `insert into audit_chain (position, event_seq, prev_hash, hash)
         select position, event_seq, prev_hash, hash from jsonb_to_recordset($1::jsonb) as x(position bigint, event_seq bigint, prev_hash text, hash text)`,
        [JSON.stringify(links)],
      );
    }
    // An idle pass writes nothing (its own update would take a transaction id and so move the next
    // horizon): the window simply starts at the same place next time.
    if (seqs.length > 0) await q('update audit_seal_state set horizon = $1::xid8, sealed_at = now() where id = 1', [horizon]);
    return { sealed: seqs.length, head: position, horizon: seqs.length > 0 ? horizon : last };
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
