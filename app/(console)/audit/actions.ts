'use server';

import type { VerifyChainResult } from '@/components/audit/verify-chain-result';
import { runAction, type ActionState } from '@/lib/api/action';
import { encodePageToken } from '@/lib/api/page-token';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';

/** Verifies the whole chain; a break comes with a link to the page that starts at the broken event. */
export async function verifyChainAction(_prev: ActionState<VerifyChainResult>, _form: FormData): Promise<ActionState<VerifyChainResult>> {
  return runAction(async (actor) => {
    const report = await verifyAuditChain(actor, {});
    // A deleted event has no row to show; every other break names an event that is still there.
    const seq = report.broken && report.broken.reason !== 'event_missing' ? report.broken.seq : null;
    return { ...report, brokenHref: seq ? `/audit?pt=${encodePageToken([seq + 1])}&open=${seq}#event-${seq}` : null };
  });
}
