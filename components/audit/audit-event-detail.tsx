import type { AuditEventView } from '@/lib/audit/schemas';
import { changedTopLevelKeys, JsonPanel } from './json-panel';

function Meta({ label, value, mono = true }: { label: string; value: string | number | null; mono?: boolean }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={`break-all text-xs ${mono ? 'font-mono' : ''}`}>{value ?? '—'}</dd>
    </div>
  );
}

/** What an expanded row shows: the change side by side, then where it came from and its place in the chain. */
export function AuditEventDetail({ event }: { event: AuditEventView }) {
  const changed = changedTopLevelKeys(event.before, event.after);
  return (
    <div className="flex flex-col gap-3 px-3 pb-4 pt-1 sm:pl-11">
      {changed.length > 0 ? (
        <p className="text-xs text-muted-foreground">
          Changed: <span className="font-mono text-foreground">{changed.join(', ')}</span>
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <JsonPanel label="Before" value={event.before} />
        <JsonPanel label="After" value={event.after} />
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-4">
        <Meta label="Event" value={`#${event.seq} · ${event.id}`} />
        <Meta label="IP address" value={event.ip} />
        <Meta label="User agent" value={event.userAgent} mono={false} />
        <Meta label="Token" value={event.tokenId} />
        {event.position !== null ? (
          <>
            <Meta label="Chain position" value={event.position} />
            <div className="sm:col-span-2 lg:col-span-3">
              <Meta label="Hash" value={event.hash} />
            </div>
            <div className="sm:col-span-2 lg:col-span-4">
              <Meta label="Previous hash" value={event.prevHash} />
            </div>
          </>
        ) : (
          <div className="sm:col-span-2" data-testid="audit-sealing">
            <Meta label="Chain position" value="sealing… (its hash is added once its transaction has certainly ended)" mono={false} />
          </div>
        )}
      </dl>
    </div>
  );
}
