import { History } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import type { HistoryEventView, RequestView } from '@/lib/registry/schemas';
import { StageBadge, who } from './stage-badge';

interface Entry {
  key: string;
  at: string;
  rank: number;
  body: React.ReactNode;
  /** A person's comment (shown quoted) … */
  note?: string | null;
  /** … or the reason an emergency move gave. */
  reason?: string | null;
}

const target = (r: RequestView) => (r.kind === 'alias' ? `@${r.target}` : r.kind === 'rollback' ? 'Production (rollback)' : r.target);

function fromRequests(requests: RequestView[], versionHref: (v: number) => string): Entry[] {
  const out: Entry[] = [];
  for (const r of requests) {
    const v = (
      <Link className="font-mono underline-offset-4 hover:underline" href={versionHref(r.version)}>
        v{r.version}
      </Link>
    );
    out.push({
      key: `req-${r.id}`,
      at: r.createdAt,
      rank: 2,
      body: (
        <>
          <span className="font-medium">{who(r.requestedBy)}</span> requested {v} → {target(r)}
          {r.status === 'pending' ? (
            <Badge variant="warning" className="ml-2">
              pending {r.approvals.filter((a) => a.decision === 'approve').length}/{r.requiredApprovals}
            </Badge>
          ) : null}
          {r.stale ? (
            <Badge variant="outline" className="ml-1">
              stale
            </Badge>
          ) : null}
        </>
      ),
      note: r.comment,
    });
    for (const a of r.approvals) {
      out.push({
        key: `dec-${r.id}-${a.approver.id}`,
        at: a.decidedAt,
        rank: 1,
        body: (
          <>
            <span className="font-medium">{who(a.approver)}</span> {a.decision === 'approve' ? 'approved' : 'rejected'} {v} → {target(r)}
            {a.decision === 'reject' ? (
              <Badge variant="destructive" className="ml-2">
                rejected
              </Badge>
            ) : null}
          </>
        ),
        note: a.comment,
      });
    }
    if (r.status === 'cancelled' && r.decidedAt) {
      out.push({ key: `cancel-${r.id}`, at: r.decidedAt, rank: 1, body: <>{who(r.decidedBy ?? r.requestedBy)} cancelled the request for {v} → {target(r)}</> });
    }
  }
  return out;
}

function fromEvents(events: HistoryEventView[], versionHref: (v: number) => string): Entry[] {
  return events.map((e) => {
    const v =
      e.version !== null ? (
        <Link className="font-mono underline-offset-4 hover:underline" href={versionHref(e.version)}>
          v{e.version}
        </Link>
      ) : null;
    const by = <span className="font-medium">{who(e.actor)}</span>;
    let body: React.ReactNode;
    if (e.kind === 'created') body = <>{by} registered {v}</>;
    else if (e.kind === 'deleted') body = <>{by} deleted {v}</>;
    else if (e.kind === 'alias')
      body = (
        <>
          {by} {e.version === null ? `removed @${e.alias}` : <>moved @{e.alias} to {v}</>}
          {e.previousVersion !== null ? <span className="text-muted-foreground"> (was v{e.previousVersion})</span> : null}
        </>
      );
    else
      body = (
        <>
          {v} {e.fromStage ? <StageBadge stage={e.fromStage} /> : null} → {e.toStage ? <StageBadge stage={e.toStage} /> : null}{' '}
          <span className="text-muted-foreground">{e.requestId ? 'applied on approval' : 'applied'}, by</span> {by}
          {e.emergency ? (
            <Badge variant="destructive" className="ml-2">
              emergency rollback
            </Badge>
          ) : null}
        </>
      );
    return { key: `ev-${e.id}`, at: e.at, rank: 0, body, reason: e.reason };
  });
}

/** Requests, decisions and applied moves of one model, newest first. */
export function ModelTimeline({ events, requests, modelName, compact = false }: { events: HistoryEventView[]; requests: RequestView[]; modelName: string; compact?: boolean }) {
  const versionHref = (v: number) => `/models/${encodeURIComponent(modelName)}/versions/${v}`;
  const entries = [...fromEvents(events, versionHref), ...fromRequests(requests, versionHref)].sort((a, b) => b.at.localeCompare(a.at) || a.rank - b.rank);
  if (entries.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <History className="size-4" aria-hidden /> {compact ? 'Nothing has happened yet.' : 'Nothing has happened yet. Register a version, then request Staging or Production from its page.'}
      </p>
    );
  }
  return (
    <ol aria-label="Timeline" className="flex flex-col">
      {entries.map((e) => (
        <li key={e.key} className={compact ? 'flex flex-col gap-0.5 border-b py-2 text-xs last:border-0' : 'grid grid-cols-[8.5rem_1fr] gap-3 border-b py-2 text-sm last:border-0'}>
          <span className="text-xs text-muted-foreground">
            <DateTime value={e.at} />
          </span>
          <div>
            <div className="flex flex-wrap items-center gap-1">{e.body}</div>
            {e.note ? <p className="mt-0.5 text-xs break-words whitespace-pre-wrap text-muted-foreground">“{e.note}”</p> : null}
            {e.reason ? <p className="mt-0.5 text-xs text-muted-foreground">Reason: {e.reason}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
