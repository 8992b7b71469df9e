import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DateTime } from '@/components/ui/date-time';
import type { ActionState } from '@/lib/api/action';
import type { RequestView } from '@/lib/registry/schemas';
import { who } from './stage-badge';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export const requestTarget = (r: Pick<RequestView, 'kind' | 'target'>) => (r.kind === 'alias' ? `@${r.target}` : r.kind === 'rollback' ? 'Production (rollback)' : r.target);

/** The pending requests for one version; the requester can cancel theirs here. */
export function VersionPendingRequests({ requests, cancel }: { requests: RequestView[]; cancel: Record<string, Action> }) {
  if (requests.length === 0) return null;
  return (
    <ul aria-label="Pending requests for this version" className="flex flex-col gap-2 text-xs">
      {requests.map((r) => {
        const approvals = r.approvals.filter((a) => a.decision === 'approve').length;
        return (
          <li key={r.id} className="flex flex-col gap-1 rounded-md border px-2.5 py-2" data-testid="version-pending-request">
            <div className="flex flex-wrap items-center gap-1.5">
              <Badge variant="warning">pending</Badge>
              <span className="font-medium">→ {requestTarget(r)}</span>
              <span className="text-muted-foreground">
                {approvals}/{r.requiredApprovals} approvals
              </span>
              {r.stale ? (
                <Badge variant="destructive" title="The version’s stage or the target’s holder changed since it was asked; it can no longer be approved.">
                  stale
                </Badge>
              ) : null}
            </div>
            <p className="text-muted-foreground">
              asked by <span className="text-foreground">{who(r.requestedBy)}</span>, <DateTime value={r.createdAt} />
            </p>
            {r.comment ? <p className="line-clamp-3 break-words text-muted-foreground">“{r.comment}”</p> : null}
            <div className="flex items-center justify-between gap-2">
              <Link href="/sign-offs" className="text-primary underline-offset-4 hover:underline">
                {r.stale ? 'Stale: cancel it and ask again' : 'Waits in Sign-offs'}
              </Link>
              {cancel[r.id] ? (
                <ConfirmAction
                  action={cancel[r.id]}
                  label="Cancel"
                  ariaLabel={`Cancel request → ${requestTarget(r)}`}
                  title="Cancel this request?"
                  description={`It leaves Sign-offs; v${r.version} keeps its stage${r.kind === 'alias' ? ` and @${r.target} stays where it is` : ''}.`}
                  confirmLabel="Cancel request"
                  destructive
                />
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
