import { Badge } from '@/components/ui/badge';
import type { AuditEventView } from '@/lib/audit/schemas';

const KIND_VARIANT = { user: 'secondary', token: 'default', system: 'warning' } as const;

export function ActorKindBadge({ kind }: { kind: AuditEventView['actorKind'] }) {
  return (
    <Badge variant={KIND_VARIANT[kind]} className="uppercase tracking-wide text-[10px]">
      {kind}
    </Badge>
  );
}

export function ActorCell({ event }: { event: Pick<AuditEventView, 'actorEmail' | 'actorKind'> }) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      <ActorKindBadge kind={event.actorKind} />
      <span className="truncate" title={event.actorEmail ?? undefined}>
        {event.actorEmail ?? <span className="text-muted-foreground">{event.actorKind === 'system' ? 'system' : '—'}</span>}
      </span>
    </span>
  );
}
