import { FlaskConical, Plus, SearchX, Trash2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ExperimentFormDialog } from '@/components/experiments/experiment-form-dialog';
import { ExperimentsTable } from '@/components/experiments/experiments-table';
import { ExperimentsToolbar } from '@/components/experiments/experiments-toolbar';
import { renderTime } from '@/components/experiments/relative-time';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-actor';
import { can } from '@/lib/auth/authorize';
import { isAppError } from '@/lib/errors';
import { listExperiments } from '@/lib/experiments/list-experiments';
import { summarizeExperimentContents } from '@/lib/experiments/summarize-experiment-contents';
import { createExperimentAction } from './actions';
import { ForwardPager } from '@/components/ui/forward-pager';

export const metadata: Metadata = { title: 'Experiments' };

const PAGE_SIZE = 100;

type SearchParams = Promise<{ q?: string; view?: string; after?: string }>;

export default async function ExperimentsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor('read');
  const params = await searchParams;
  const q = params.q?.trim().slice(0, 200) ?? '';
  const view = params.view === 'deleted' ? 'deleted' : 'active';
  const query = (extra: Record<string, string>) => `/experiments?${new URLSearchParams({ ...(q ? { q } : {}), ...(view === 'deleted' ? { view } : {}), ...extra })}`;
  const { experiments, nextPageToken } = await listExperiments(actor, { q: q || undefined, viewType: view, pageSize: PAGE_SIZE, pageToken: params.after }).catch((e: unknown) => {
    // A stale or hand-edited cursor starts the list over instead of failing the page.
    if (isAppError(e) && e.code === 'invalid_page_token') redirect(query({}));
    throw e;
  });
  const contents = view === 'deleted' && experiments.length > 0 ? await summarizeExperimentContents(actor, { experimentIds: experiments.map((e) => e.id) }) : [];
  const rights = { update: can(actor, 'experiment.update'), delete: can(actor, 'experiment.delete'), purge: can(actor, 'experiment.purge') };
  const mayCreate = can(actor, 'experiment.create');
  const now = renderTime();

  return (
    <>
      <PageHeader
        title="Experiments"
        description="Each experiment groups the runs of one modelling question: their params, metrics, tags and artifacts."
        actions={
          mayCreate ? (
            <ExperimentFormDialog
              mode="create"
              action={createExperimentAction}
              trigger={
                <Button size="sm">
                  <Plus aria-hidden />
                  New experiment
                </Button>
              }
            />
          ) : (
            <p className="max-w-64 text-right text-xs text-muted-foreground">Your {actor.role} role can read experiments; scientists and admins create them.</p>
          )
        }
      />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <ExperimentsToolbar q={q} view={view} />
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {experiments.length} {experiments.length === 1 ? 'experiment' : 'experiments'}
          {view === 'deleted' ? ' in the trash' : ''}, newest first{nextPageToken ? '; more on the next page' : ''}
        </p>
      </div>
      {experiments.length > 0 ? (
        <ExperimentsTable experiments={experiments} view={view} rights={rights} contents={new Map(contents.map((c) => [c.experimentId, c]))} now={now} />
      ) : q ? (
        <EmptyState icon={SearchX} title={`No ${view === 'deleted' ? 'deleted ' : ''}experiments match “${q}”`}>
          <p>
            Names are matched anywhere, ignoring case. Try a shorter part of the name, or{' '}
            <Link className="underline underline-offset-4" href={view === 'deleted' ? '/experiments?view=deleted' : '/experiments'}>
              clear the search
            </Link>
            .
          </p>
        </EmptyState>
      ) : view === 'deleted' ? (
        <EmptyState icon={Trash2} title="The trash is empty">
          <p>Deleted experiments wait here, with their runs, until they are restored or deleted permanently.</p>
        </EmptyState>
      ) : (
        <EmptyState icon={FlaskConical} title="No experiments yet">
          <p>
            {mayCreate ? 'Create one with “New experiment”, or log' : 'Log'} a run from Python with <code className="font-mono">mlflow.set_tracking_uri()</code> pointed
            at this server; the experiment appears here.
          </p>
        </EmptyState>
      )}
      <ForwardPager firstHref={params.after ? query({}) : null} nextHref={nextPageToken ? query({ after: nextPageToken }) : null} />
    </>
  );
}
