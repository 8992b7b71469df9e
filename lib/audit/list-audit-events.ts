import 'server-only';
import { decodePageToken, keysetPage } from '@/lib/api/page-token';
import { ValidationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { selectAuditPage, toAuditEventView } from './audit-query';
import { ListAuditEventsInput } from './schemas';
import { sealAuditChain } from './seal-audit-chain';

/** The audit log, newest first, filtered and paginated on the server. */
const listAuditEventsService = defineService({
  name: 'audit.list',
  permission: 'audit.read',
  input: ListAuditEventsInput,
  async run({ tx }, input) {
    const cursor = decodePageToken(input.pageToken);
    const beforeSeq = cursor ? Number(cursor[0]) : undefined;
    if (beforeSeq !== undefined && !Number.isSafeInteger(beforeSeq)) {
      throw new ValidationError('pageToken: not a page token issued by this server.', [{ path: 'pageToken', message: 'invalid page token' }], 'invalid_page_token');
    }
    const rows = await selectAuditPage(tx, input, { beforeSeq, limit: input.pageSize + 1 });
    const { page, nextPageToken } = keysetPage(rows, input.pageSize, (last) => [last.seq]);
    return { events: page.map(toAuditEventView), nextPageToken };
  },
});

/**
 * The list after a sealing pass that does not wait: if no other pass is running, every committed event
 * shows its place in the chain; otherwise the newest ones may still show as being sealed.
 */
export async function listAuditEvents(actor: Actor, input: Parameters<typeof listAuditEventsService>[1]): ReturnType<typeof listAuditEventsService> {
  authorize(actor, 'audit.read');
  await sealAuditChain({ wait: false });
  return listAuditEventsService(actor, input);
}
