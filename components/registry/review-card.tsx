import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DateTime } from '@/components/ui/date-time';
import type { ActionState } from '@/lib/api/action';
import type { ReviewView, VersionSummary } from '@/lib/registry/schemas';
import { CARD_LABELS } from './card-fields';
import { DecisionForm } from './decision-form';
import { formatDifference, formatMetricValue } from './format';
import { StageBadge, who } from './stage-badge';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface Props {
  review: ReviewView;
  /** Why this person cannot decide it (their own request, their role, decided already); null = they can. */
  refusal: string | null;
  decide: Action;
  /** Present when the viewer made the request and may withdraw it. */
  cancel?: Action;
}

const MAX_ROWS = 15;

const v = (n: number | null | undefined) => (n === null || n === undefined ? 'nobody' : `v${n}`);

/** One sentence saying what the request moves where, with the current holder it would replace. */
export function moveSummary({ request: r, holder }: Pick<ReviewView, 'request' | 'holder'>): string {
  if (r.kind === 'alias') {
    return holder ? `Move @${r.target} from v${holder.version} to v${r.version}.` : `Point @${r.target} (not set yet) at v${r.version}.`;
  }
  if (r.kind === 'rollback') {
    return holder ? `Roll Production back from v${holder.version} to v${r.version}; v${holder.version} goes to Archived.` : `Roll Production back to v${r.version} (nothing is in Production now).`;
  }
  if (r.target === 'Production') {
    if (!holder) return `Put v${r.version} in Production (nothing is there now).`;
    return r.archiveExisting ? `Put v${r.version} in Production; v${holder.version}, there now, goes to Archived.` : `Put v${r.version} in Production beside v${holder.version} (refused unless v${holder.version} leaves first).`;
  }
  if (r.target === 'Staging' && holder) return r.archiveExisting ? `Put v${r.version} in Staging; the versions there now (v${holder.version}…) go to Archived.` : `Put v${r.version} in Staging beside v${holder.version}.`;
  return `Move v${r.version} from ${r.stageAtRequest} to ${r.target}.`;
}

/** Why a pending request is stale: what changed since it was asked. */
export function staleReason({ request: r, candidate, holder }: Pick<ReviewView, 'request' | 'candidate' | 'holder'>): string {
  if (candidate.stage !== r.stageAtRequest) return `v${r.version} was in ${r.stageAtRequest} when this was asked and is in ${candidate.stage} now.`;
  const what = r.kind === 'alias' ? `@${r.target}` : 'Production';
  const then = `${what} was held by ${v(r.holderAtRequest)} when this was asked`;
  return holder ? `${then}; v${holder.version} holds it now.` : `${then}; that has changed since.`;
}

export function ReviewCard({ review, refusal, decide, cancel }: Props) {
  const { request: r, candidate, holder } = review;
  const modelHref = `/models/${encodeURIComponent(r.modelName)}`;
  const vHref = (v: number) => `${modelHref}/versions/${v}`;
  const label = `${r.modelName} v${r.version} to ${r.kind === 'alias' ? `@${r.target}` : r.target}`;
  const approvals = r.approvals.filter((a) => a.decision === 'approve');
  const changedParams = review.params.filter((p) => p.changed);
  const targetLabel = r.kind === 'alias' ? `@${r.target}` : r.target;
  return (
    <Card aria-label={`Request: ${label}`} data-testid="review-card">
      <CardHeader className="flex-row flex-wrap items-baseline justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={modelHref} className="font-semibold break-all underline-offset-4 hover:underline">
            {r.modelName}
          </Link>
          <Link href={vHref(r.version)} className="font-mono underline-offset-4 hover:underline">
            v{r.version}
          </Link>
          {r.kind === 'alias' ? (
            <>
              →<Badge variant="outline">@{r.target}</Badge>
            </>
          ) : (
            <>
              <StageBadge stage={r.stageAtRequest} />→<StageBadge stage={r.target as 'Production'} />
            </>
          )}
          {r.kind === 'rollback' ? <Badge variant="warning">rollback</Badge> : null}
          {r.kind === 'alias' ? <Badge variant="secondary">alias move</Badge> : null}
          {r.stale ? (
            <Badge variant="destructive" title="The version’s stage or the target’s holder changed since it was asked; it can only be rejected or cancelled.">
              stale
            </Badge>
          ) : null}
        </div>
        <p className="text-xs text-muted-foreground">
          asked by <span className="text-foreground">{who(r.requestedBy)}</span>, <DateTime value={r.createdAt} /> · {approvals.length}/{r.requiredApprovals} approvals
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="grid gap-2 text-sm sm:grid-cols-2" aria-label="Candidate and current holder" role="group">
          <VersionBox title="Candidate" href={vHref(candidate.version)} v={candidate} />
          {holder ? (
            <VersionBox title={`Now holds ${targetLabel}`} href={vHref(holder.version)} v={holder} />
          ) : r.kind !== 'stage' || r.target === 'Production' || r.target === 'Staging' ? (
            <div className="rounded-md border border-dashed px-3 py-2 text-xs text-muted-foreground">Now holds {targetLabel}: nobody</div>
          ) : null}
        </div>
        <p className="text-sm font-medium" data-testid="move-summary">
          {moveSummary(review)}
        </p>
        {r.stale ? (
          <p className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-xs" data-testid="stale-reason">
            <span className="font-medium text-destructive">Stale.</span> {staleReason(review)} It can no longer be approved; reject it (or its requester cancels it) and ask again.
          </p>
        ) : null}
        {r.comment ? <p className="max-h-40 overflow-y-auto rounded-md bg-muted/50 px-3 py-2 text-sm break-words whitespace-pre-wrap">“{r.comment}”</p> : null}
        {r.approvals.length ? (
          <ul aria-label="Decisions so far" className="flex flex-col gap-0.5 text-xs text-muted-foreground">
            {r.approvals.map((a) => (
              <li key={a.approver.id} className="break-words">
                <span className="text-foreground">{who(a.approver)}</span> {a.decision === 'approve' ? 'approved' : 'rejected'}, <DateTime value={a.decidedAt} />
                {a.comment ? <>: “{a.comment}”</> : null}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-[1fr_1fr_18rem]">
          <section aria-label="Metrics">
            <table className="w-full text-xs">
              <caption className="mb-1 text-left text-xs font-medium text-muted-foreground">
                Metrics: candidate v{candidate.version} against {holder ? `v${holder.version}, now in ${r.kind === 'alias' ? `@${r.target}` : r.target}` : 'no current holder'}
              </caption>
              <thead>
                <tr className="border-b text-muted-foreground">
                  <th className="py-1 text-left font-normal">key</th>
                  <th className="py-1 text-right font-normal">v{candidate.version}</th>
                  <th className="py-1 text-right font-normal">{holder ? `v${holder.version}` : 'holder'}</th>
                  <th className="py-1 text-right font-normal">difference</th>
                </tr>
              </thead>
              <tbody className="font-mono tabular-nums">
                {review.metrics.slice(0, MAX_ROWS).map((m) => (
                  <tr key={m.key} className="border-b last:border-0">
                    <td className="max-w-40 truncate py-1 text-left">{m.key}</td>
                    <td className="py-1 text-right">{formatMetricValue(m.candidate)}</td>
                    <td className="py-1 text-right text-muted-foreground">{formatMetricValue(m.holder)}</td>
                    <td className={`py-1 text-right ${m.difference === null || m.difference === 0 ? 'text-muted-foreground' : ''}`}>{formatDifference(m.difference)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {review.metrics.length === 0 ? <p className="text-xs text-muted-foreground">No metrics: {candidate.runId ? 'the source run logged none.' : 'the version was not registered from a run.'}</p> : null}
            {review.metrics.length > MAX_ROWS ? <p className="mt-1 text-xs text-muted-foreground">and {review.metrics.length - MAX_ROWS} more</p> : null}
          </section>
          <section aria-label="Params">
            <p className="mb-1 text-xs font-medium text-muted-foreground">
              Params: {changedParams.length} of {review.params.length} differ
            </p>
            {changedParams.length ? (
              <table className="w-full text-xs">
                <tbody className="font-mono">
                  {changedParams.slice(0, MAX_ROWS).map((p) => (
                    <tr key={p.key} className="border-b last:border-0">
                      <td className="max-w-32 truncate py-1">{p.key}</td>
                      <td className="max-w-28 truncate py-1 text-right">{p.candidate ?? '—'}</td>
                      <td className="max-w-28 truncate py-1 text-right text-muted-foreground line-through decoration-muted-foreground/50">{p.holder ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-xs text-muted-foreground">{review.params.length ? 'Same params as the holder.' : 'No params to compare.'}</p>
            )}
          </section>
          <section aria-label="Model card" className="flex flex-col gap-1 text-xs">
            <p className="font-medium text-muted-foreground">Model card</p>
            <Completeness label={`v${candidate.version}`} v={candidate} />
            {holder ? <Completeness label={`v${holder.version}`} v={holder} /> : null}
          </section>
        </div>
        <div className="border-t pt-3">
          {refusal === null ? (
            <DecisionForm action={decide} label={label} stale={r.stale} />
          ) : (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-xs text-muted-foreground" data-testid="decision-refusal">
                {refusal}
              </p>
              {cancel ? (
                <ConfirmAction action={cancel} label="Cancel request" ariaLabel={`Cancel request ${label}`} title="Cancel this request?" description="It leaves the inbox; the version keeps its stage." confirmLabel="Cancel request" destructive />
              ) : null}
            </div>
          )}
        </div>
      </CardContent>
    </Card>
  );
}

function Completeness({ label, v }: { label: string; v: VersionSummary }) {
  const c = v.cardCompleteness;
  const full = c.filled === c.total;
  return (
    <p>
      <span className="font-mono">{label}</span> <span className={full ? 'text-success' : 'font-medium'}>{c.filled}/{c.total}</span>
      {c.missing.length ? <span className="text-muted-foreground"> — missing {c.missing.map((f) => CARD_LABELS[f].toLowerCase()).join(', ')}</span> : null}
    </p>
  );
}

function VersionBox({ title, href, v: version }: { title: string; href: string; v: VersionSummary }) {
  return (
    <div className="rounded-md border px-3 py-2">
      <p className="text-xs text-muted-foreground">{title}</p>
      <p className="flex flex-wrap items-center gap-1.5">
        <Link href={href} className="font-mono font-medium underline-offset-4 hover:underline">
          v{version.version}
        </Link>
        <StageBadge stage={version.stage} />
        <span className="text-xs text-muted-foreground">
          card {version.cardCompleteness.filled}/{version.cardCompleteness.total}
        </span>
      </p>
    </div>
  );
}
