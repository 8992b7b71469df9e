import { ChevronRight } from 'lucide-react';
import type { AuditEventView } from '@/lib/audit/schemas';
import { ActorCell } from './actor-cell';
import { AuditEventDetail } from './audit-event-detail';
import { formatUtc } from './audit-url';

/** Shared by the header and each row so the columns line up. */
export const AUDIT_GRID = 'grid grid-cols-[1.25rem_10.5rem_minmax(10rem,1.4fr)_minmax(8rem,1fr)_minmax(8rem,1.2fr)_minmax(6rem,0.8fr)_minmax(7.5rem,0.8fr)] items-center gap-3 px-3';

export function AuditEventRow({ event, open }: { event: AuditEventView; open?: boolean }) {
  return (
    <details id={`event-${event.seq}`} open={open} className="group open:bg-muted/30" data-testid="audit-event">
      <summary className={`${AUDIT_GRID} cursor-pointer list-none py-2 text-sm hover:bg-muted/40 focus-visible:outline-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden`}>
        <ChevronRight className="size-4 text-muted-foreground transition-transform group-open:rotate-90" aria-hidden />
        <time dateTime={event.occurredAt} className="font-mono text-xs tabular-nums" title={event.occurredAt}>
          {formatUtc(event.occurredAt)}
        </time>
        <ActorCell event={event} />
        <span className="truncate font-mono text-xs" data-testid="audit-action">
          {event.action}
        </span>
        <span className="min-w-0 truncate text-xs" title={event.resourceId ?? undefined}>
          <span className="text-muted-foreground">{event.resourceType}</span>
          {event.resourceId ? <span className="font-mono"> / {event.resourceId}</span> : null}
        </span>
        <span className="truncate font-mono text-xs text-muted-foreground" title={event.requestId ?? undefined}>
          {event.requestId ?? '—'}
        </span>
        <ChainCell event={event} />
      </summary>
      <AuditEventDetail event={event} />
    </details>
  );
}

/** Where the event sits in the hash chain, or that it is waiting for its transaction to be sealed. */
function ChainCell({ event }: { event: AuditEventView }) {
  if (event.position === null || event.hash === null) {
    return (
      <span className="truncate text-xs italic text-muted-foreground" data-testid="audit-chain" title="Sealed into the chain once its transaction has certainly ended">
        sealing…
      </span>
    );
  }
  return (
    <span className="truncate font-mono text-xs tabular-nums" data-testid="audit-chain" title={`chain position ${event.position}, hash ${event.hash}`}>
      #{event.position} <span className="text-muted-foreground">{event.hash.slice(0, 8)}</span>
    </span>
  );
}
