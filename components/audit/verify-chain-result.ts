/** What the "Verify chain" action hands back: the verifier's report plus a link to the first broken event. */
export interface VerifyChainResult {
  ok: boolean;
  checked: number;
  total: number;
  headHash: string | null;
  broken: { seq: number; id: string; reason: string; message: string } | null;
  ms: number;
  brokenHref: string | null;
}
