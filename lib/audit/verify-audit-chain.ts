import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { validationErrorFrom } from '@/lib/services/define-service';
import { ChainVerifier, unsealedBreak, type ChainBreak, type ChainEntry } from './chain';
import { EVENT_JSON_SQL, eventFromJson } from './event-rows';
import { withArrayTransaction, type ArrayQuery } from './raw-read';
import { sealAuditChain } from './seal-audit-chain';

const BATCH = 10_000;
/** Batches requested ahead of the one being hashed. */
const AHEAD = 2;

export interface ChainReport {
  ok: boolean;
  /** Chain rows verified before the first break (all of them when ok). */
  checked: number;
  /** The chain's length when the walk began. */
  total: number;
  /** Events of transactions still open when the walk began: not sealed yet, and not an error. */
  pending: number;
  headHash: string | null;
  broken: ChainBreak | null;
  ms: number;
}

// The lateral subquery (kept by OFFSET 0) makes each chain row look its event up by primary key, in
// position order straight off the chain's index: no hash join over the whole event table and no sort.
const chainBatchSql = `select c.position::text, c.event_seq::text, c.prev_hash, c.hash, e.j
  from audit_chain c
  left join lateral (select ${EVENT_JSON_SQL} as j from audit_events e where e.seq = c.event_seq offset 0) e on true
  where c.position > $1 and c.position <= $2 order by c.position`;

/**
 * Verifies the chain in one snapshot: walks every chain row by position (fetching large batches ahead
 * while the current one is hashed) and then looks for events below the sealed horizon that are not in
 * the chain. Pure in the sense that it only reads; the caller seals first.
 */
export async function verifyChainSnapshot(): Promise<ChainReport> {
  const started = performance.now();
  return withArrayTransaction('snapshot', async (q: ArrayQuery) => {
    const [[horizon, maxPosition, pending]] = (await q(`
      select s.horizon::text, coalesce((select max(position) from audit_chain), 0)::text,
             (select count(*) from audit_events where txid >= s.horizon)::int
      from audit_seal_state s where s.id = 1`)) as [string, string, number][];
    const total = Number(maxPosition);
    const verifier = new ChainVerifier();
    const inflight: Promise<unknown[][]>[] = [];
    let requested = 0;
    const request = () => {
      if (requested >= total) return;
      const lo = requested;
      requested = Math.min(total, lo + BATCH);
      const p = q(chainBatchSql, [lo, requested]);
      p.catch(() => undefined); // awaited below; a walk that stops early must not leave it unhandled
      inflight.push(p);
    };
    for (let i = 0; i < AHEAD; i++) request();
    walk: while (inflight.length > 0) {
      const rows = await inflight.shift()!;
      request();
      for (const row of rows) {
        const entry: ChainEntry = { position: Number(row[0]), eventSeq: Number(row[1]), prevHash: row[2] as string, hash: row[3] as string, event: eventFromJson(row[4]) };
        if (verifier.push(entry)) break walk;
      }
    }
    await Promise.allSettled(inflight);
    let broken = verifier.broken;
    if (!broken && verifier.checked < total) {
      // Rows with positions past the last one seen: the chain ends early, so its tail was cut and re-added elsewhere.
      broken = { position: verifier.checked + 1, seq: null, id: null, reason: 'position_gap', message: `Chain position ${verifier.checked + 1} is missing: chain rows were deleted.` };
    }
    if (!broken) {
      const [unsealed] = (await q(
        `select e.seq::text, e.id::text from audit_events e
         where e.txid < $1::xid8 and not exists (select 1 from audit_chain c where c.event_seq = e.seq)
         order by e.seq limit 1`,
        [horizon],
      )) as [string, string][];
      if (unsealed) broken = unsealedBreak(Number(unsealed[0]), unsealed[1]);
    }
    return { ok: broken === null, checked: verifier.checked, total, pending, headHash: verifier.headHash, broken, ms: Math.round(performance.now() - started) };
  });
}

/**
 * Seals every committed event, then verifies the whole chain: OK, or the first break (an edited or
 * deleted event, a deleted, inserted or re-hashed chain row, or an event that should be sealed but is not).
 */
export async function verifyAuditChain(actor: Actor, input: z.input<typeof VerifyInput>): Promise<ChainReport> {
  authorize(actor, 'audit.read');
  const parsed = VerifyInput.safeParse(input ?? {});
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  const started = performance.now();
  await sealAuditChain({ wait: true });
  const report = await verifyChainSnapshot();
  return { ...report, ms: Math.round(performance.now() - started) };
}

const VerifyInput = z.object({});
