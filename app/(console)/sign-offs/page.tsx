import { Inbox } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewCard } from '@/components/registry/review-card';
import { SignoffHistory } from '@/components/registry/signoff-history';
import { ForwardPager } from '@/components/ui/forward-pager';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/authorize';
import { requirePageActor } from '@/lib/auth/page-actor';
import { listTransitionRequests } from '@/lib/registry/list-transition-requests';
import type { ReviewView } from '@/lib/registry/schemas';
import { cancelTransitionAction, decideTransitionAction } from './actions';

export const metadata: Metadata = { title: 'Sign-offs' };

/** Why the viewer cannot decide this request, as the service would say it; null when they can. */
function refusalFor(actor: Actor, { request: r }: ReviewView): string | null {
  if (actor.userId && r.requestedBy?.id === actor.userId) return 'You asked for this, so another approver must sign it off (four-eyes). You can cancel it.';
  if (!can(actor, 'transition.decide')) return `Approvers and admins sign off requests; your ${actor.role} role can follow them here.`;
  if (r.approvals.some((a) => a.approver.id === actor.userId)) {
    const left = r.requiredApprovals - r.approvals.filter((a) => a.decision === 'approve').length;
    return `You approved this; it waits for ${left} more ${left === 1 ? 'approval' : 'approvals'} from someone else.`;
  }
  return null;
}

const HISTORY = ['applied', 'rejected', 'cancelled'] as const;
type View = 'pending' | (typeof HISTORY)[number];
const TAB_LABEL: Record<View, string> = { pending: 'Pending', applied: 'Applied', rejected: 'Rejected', cancelled: 'Cancelled' };

type SearchParams = Promise<{ status?: string; after?: string }>;

function Tabs({ view }: { view: View }) {
  return (
    <nav aria-label="Request status" className="mb-4 flex flex-wrap gap-1 border-b text-sm">
      {(['pending', ...HISTORY] as View[]).map((s) => (
        <Link
          key={s}
          href={s === 'pending' ? '/sign-offs' : `/sign-offs?status=${s}`}
          aria-current={s === view ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-1.5 ${s === view ? 'border-primary font-medium text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground'}`}
        >
          {TAB_LABEL[s]}
        </Link>
      ))}
    </nav>
  );
}

export default async function SignOffsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor('read');
  const sp = await searchParams;
  const view: View = (HISTORY as readonly string[]).includes(sp.status ?? '') ? (sp.status as View) : 'pending';
  if (view !== 'pending') {
    const { requests: decided, nextPageToken: next } = await listTransitionRequests(actor, { status: view, order: 'newest', pageSize: 50, pageToken: sp.after });
    const href = (after?: string) => `/sign-offs?status=${view}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    return (
      <>
        <PageHeader title="Sign-offs" description="Decided requests, newest first: who asked, who signed off or turned it down, and what they said." />
        <Tabs view={view} />
        {decided.length === 0 ? (
          <EmptyState icon={Inbox} title={`No ${view} requests${sp.after ? ' on this page' : ''}`}>
            <p>Requests land here once they are {view === 'applied' ? 'approved and applied' : view}.</p>
          </EmptyState>
        ) : (
          <SignoffHistory requests={decided.map((d) => d.request)} />
        )}
        <ForwardPager firstHref={sp.after ? href() : null} nextHref={next ? href(next) : null} />
      </>
    );
  }
  const { requests, nextPageToken } = await listTransitionRequests(actor, { status: 'pending', pageSize: 100 });
  const withRefusal = requests.map((review) => ({ review, refusal: refusalFor(actor, review) }));
  const toDecide = withRefusal.filter((x) => x.refusal === null);
  const mine = withRefusal.filter((x) => actor.userId && x.review.request.requestedBy?.id === actor.userId);
  const others = withRefusal.filter((x) => x.refusal !== null && !mine.includes(x));
  const mayDecide = can(actor, 'transition.decide');
  const mayCancel = can(actor, 'transition.cancel');

  const list = (items: typeof withRefusal) => (
    <div className="flex flex-col gap-3">
      {items.map(({ review, refusal }) => (
        <ReviewCard
          key={review.request.id}
          review={review}
          refusal={refusal}
          decide={decideTransitionAction.bind(null, review.request.id, review.request.modelName)}
          cancel={mayCancel && mine.some((m) => m.review === review) ? cancelTransitionAction.bind(null, review.request.id, review.request.modelName) : undefined}
        />
      ))}
    </div>
  );

  return (
    <>
      <PageHeader
        title="Sign-offs"
        description="Pending stage changes, alias moves and rollbacks, oldest first, each candidate beside the version it would replace. Nobody signs off their own request."
      />
      <Tabs view="pending" />
      {requests.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing waits for sign-off">
          <p>Requests appear here when someone asks to move a version to Staging or Production or a protected alias to a version (from the version’s page), or to roll Production back (from the model’s page).</p>
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-6">
          {mayDecide ? (
            <section aria-labelledby="to-decide-heading">
              <h2 id="to-decide-heading" className="mb-2 text-sm font-semibold">
                Waiting for you <span className="font-normal text-muted-foreground">({toDecide.length})</span>
              </h2>
              {toDecide.length ? list(toDecide) : <p className="text-sm text-muted-foreground">Nothing for you to decide: the pending requests below are yours or already have your decision.</p>}
            </section>
          ) : null}
          {mine.length ? (
            <section aria-labelledby="mine-heading">
              <h2 id="mine-heading" className="mb-2 text-sm font-semibold">
                Your requests <span className="font-normal text-muted-foreground">({mine.length})</span>
              </h2>
              {list(mine)}
            </section>
          ) : null}
          {others.length ? (
            <section aria-labelledby="others-heading">
              <h2 id="others-heading" className="mb-2 text-sm font-semibold">
                {mayDecide ? 'Other pending requests' : 'Pending requests'} <span className="font-normal text-muted-foreground">({others.length})</span>
              </h2>
              {list(others)}
            </section>
          ) : null}
          {nextPageToken ? <p className="text-xs text-muted-foreground">Showing the oldest 100 pending requests.</p> : null}
        </div>
      )}
    </>
  );
}
