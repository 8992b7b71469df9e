import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import type { RequestView } from '@/lib/registry/schemas';
import { StageBadge, who } from './stage-badge';

const STATUS_VARIANT = { applied: 'success', rejected: 'destructive', cancelled: 'secondary', approved: 'success', pending: 'warning' } as const;

/** Decided requests (applied, rejected or cancelled): who asked, who decided, and what they said. */
export function SignoffHistory({ requests }: { requests: RequestView[] }) {
  return (
    <ol aria-label="Decided requests" className="flex flex-col divide-y rounded-lg border bg-card">
      {requests.map((r) => {
        const modelHref = `/models/${encodeURIComponent(r.modelName)}`;
        return (
          <li key={r.id} className="flex flex-col gap-1 px-4 py-3 text-sm" data-testid="history-item">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={modelHref} className="font-semibold break-all underline-offset-4 hover:underline">
                {r.modelName}
              </Link>
              <Link href={`${modelHref}/versions/${r.version}`} className="font-mono underline-offset-4 hover:underline">
                v{r.version}
              </Link>
              <StageBadge stage={r.stageAtRequest} />→{r.kind === 'alias' ? <Badge variant="outline">@{r.target}</Badge> : <StageBadge stage={r.target as 'Production'} />}
              {r.kind === 'rollback' ? <Badge variant="warning">rollback</Badge> : null}
              {r.kind === 'alias' ? <Badge variant="secondary">alias move</Badge> : null}
              <Badge variant={STATUS_VARIANT[r.status]} className="ml-auto">
                {r.status}
              </Badge>
            </div>
            <p className="text-xs text-muted-foreground">
              asked by <span className="text-foreground">{who(r.requestedBy)}</span>, <DateTime value={r.createdAt} />
              {r.holderAtRequest !== null ? <> · {r.kind === 'alias' ? `@${r.target}` : 'Production'} was v{r.holderAtRequest} then</> : null}
              {r.decidedAt ? (
                <>
                  {' '}
                  · {r.status === 'cancelled' ? 'cancelled' : r.status === 'applied' ? 'applied' : r.status === 'rejected' ? 'rejected' : 'closed'} by <span className="text-foreground">{who(r.decidedBy)}</span>, <DateTime value={r.decidedAt} />
                </>
              ) : null}
            </p>
            {r.comment ? <p className="text-xs break-words whitespace-pre-wrap">“{r.comment}”</p> : null}
            {r.approvals.length ? (
              <ul aria-label="Decisions" className="flex flex-col gap-0.5 text-xs">
                {r.approvals.map((a) => (
                  <li key={a.approver.id} className="break-words">
                    <span className="font-medium">{who(a.approver)}</span> <span className={a.decision === 'reject' ? 'text-destructive' : 'text-success'}>{a.decision === 'approve' ? 'approved' : 'rejected'}</span>
                    {a.comment ? <span className="text-muted-foreground">: “{a.comment}”</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
