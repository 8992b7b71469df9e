import type { ChainBreakReason } from '@/lib/audit/chain';

/** What the "Verify chain" action hands back: the verifier's report plus a link to the first broken event. */
export interface VerifyChainResult {
  ok: boolean;
  checked: number;
  total: number;
  pending: number;
  headHash: string | null;
  broken: { position: number | null; seq: number | null; id: string | null; reason: ChainBreakReason; message: string } | null;
  ms: number;
  brokenHref: string | null;
}
