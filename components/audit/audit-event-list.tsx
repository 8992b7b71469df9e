import type { AuditEventView } from '@/lib/audit/schemas';
import { AUDIT_GRID, AuditEventRow } from './audit-event-row';

export function AuditEventList({ events, open }: { events: AuditEventView[]; open?: number }) {
  return (
    <div className="overflow-x-auto rounded-md border">
      <div className="min-w-[64rem]">
        <div className={`${AUDIT_GRID} h-9 border-b bg-muted/50 text-xs font-medium text-muted-foreground`} aria-hidden>
          <span />
          <span>Time (UTC)</span>
          <span>Actor</span>
          <span>Action</span>
          <span>Resource</span>
          <span>Request id</span>
          <span>Chain</span>
        </div>
        <div aria-label="Audit events" role="list">
          {events.map((e) => (
            <div role="listitem" key={e.seq} className="border-b last:border-b-0">
              <AuditEventRow event={e} open={open === e.seq} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
