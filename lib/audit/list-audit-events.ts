import 'server-only';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { defineService } from '@/lib/services/define-service';
import { selectAuditPage, toAuditEventView } from './audit-query';
import { ListAuditEventsInput } from './schemas';

/** The audit log, newest first, filtered and paginated on the server. */
export const listAuditEvents = defineService({
  name: 'audit.list',
  permission: 'audit.read',
  input: ListAuditEventsInput,
  async run({ tx }, input) {
    const cursor = decodePageToken(input.pageToken);
    const beforeSeq = cursor ? Number(cursor[0]) : undefined;
    const rows = await selectAuditPage(tx, input, { beforeSeq: Number.isFinite(beforeSeq) ? beforeSeq : undefined, limit: input.pageSize + 1 });
    const page = rows.slice(0, input.pageSize);
    return {
      events: page.map(toAuditEventView),
      nextPageToken: rows.length > input.pageSize ? encodePageToken([page[page.length - 1].seq]) : null,
    };
  },
});
