import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FlaskConical, SearchX, Trash2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { ExperimentHeader } from '@/components/experiments/experiment-header';
import { AccessDialog } from '@/components/grants/access-dialog';
import type { FilterProblem } from '@/components/experiments/filter-error';
import { FilterHelp } from '@/components/experiments/filter-help';
import { Markdown } from '@/components/experiments/markdown';
import { renderTime } from '@/components/experiments/relative-time';
import type { RunRow } from '@/components/experiments/runs-table';
import { defaultColumns, parseRunsView, runsQuery, type DataColumn, type RunsViewState } from '@/components/experiments/runs-url';
import { RunsView } from '@/components/experiments/runs-view';
import { EmptyState } from '@/components/ui/empty-state';
import type { Actor } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page-actor';
import { can } from '@/lib/auth/authorize';
import { isAppError } from '@/lib/errors';
import { getExperiment } from '@/lib/experiments/get-experiment';
import { listGrants } from '@/lib/grants/list-grants';
import { listExperimentKeys } from '@/lib/experiments/list-experiment-keys';
import type { RunView } from '@/lib/experiments/schemas';
import { searchRuns } from '@/lib/experiments/search-runs';
import { SearchSyntaxError } from '@/lib/search/ast';
import { parseFilter } from '@/lib/search/parse-filter';
import { grantExperimentAccessAction, revokeExperimentAccessAction } from './actions';

const PAGE_SIZE = 50;
const PARENT_TAG = 'tags.mlflow.parentRunId';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const loadExperiment = cache(async (id: string) => {
  const actor = await requirePageActor('read');
  if (!/^\d{1,15}$/.test(id)) notFound();
  return getExperiment(actor, { id }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const experiment = await loadExperiment((await params).id);
  return { title: `${experiment.name} · Experiments` };
}

/** The search language reference, shown in the filter box's help popover. */
const searchHelp = cache(() => readFile(path.join(process.cwd(), 'lib/search/README.md'), 'utf8').catch(() => 'See lib/search/README.md for the filter language.'));

function filterProblemOf(filter: string): FilterProblem | null {
  try {
    parseFilter(filter);
    return null;
  } catch (e) {
    if (e instanceof SearchSyntaxError) return { message: e.message, position: e.position, token: e.token };
    throw e;
  }
}

/** Top-level runs only when grouping; children come with their parents (second query). */
function pageFilter(state: RunsViewState): string | undefined {
  const user = state.filter.trim();
  if (state.flat) return user || undefined;
  return user ? `(${user}) and ${PARENT_TAG} IS NULL` : `${PARENT_TAG} IS NULL`;
}

function childFilter(state: RunsViewState, parentIds: string[]): string {
  const parents = `${PARENT_TAG} IN (${parentIds.map((id) => `'${id}'`).join(', ')})`;
  return state.filter.trim() ? `(${state.filter.trim()}) and ${parents}` : parents;
}

interface RunsPage {
  runs: RunView[];
  nextPageToken: string | null;
  orderProblem: string | null;
  children: Map<string, RunView[]>;
}

const EMPTY_PAGE: RunsPage = { runs: [], nextPageToken: null, orderProblem: null, children: new Map() };

/** One page of runs and, when grouping, the matching children of its parents (one more query, not one per parent). */
async function loadRuns(actor: Actor, id: string, state: RunsViewState): Promise<RunsPage> {
  const search = (order: string | null) =>
    searchRuns(actor, { experimentIds: [id], filter: pageFilter(state), orderBy: order ? [order] : undefined, maxResults: PAGE_SIZE, pageToken: state.pages.at(-1) });
  const { page, order, orderProblem } = await search(state.order).then(
    (p) => ({ page: p, order: state.order, orderProblem: null }),
    async (e: unknown) => {
      if (!isAppError(e)) throw e;
      // A stale token (old search, or hand-edited) starts the list over; a bad order falls back to the default.
      if (e.code === 'invalid_page_token') redirect(`/experiments/${id}?${runsQuery({ ...state, pages: [] })}`);
      if (e.code !== 'invalid_order_by') throw e;
      return { page: await search(null), order: null, orderProblem: e.message.replace(/^orderBy: /, '') };
    },
  );
  if (state.flat || page.runs.length === 0) return { runs: page.runs, nextPageToken: page.nextPageToken, orderProblem, children: new Map() };
  const parentIds = page.runs.map((r) => r.id);
  const found = await searchRuns(actor, { experimentIds: [id], filter: childFilter(state, parentIds), orderBy: order ? [order] : undefined, maxResults: 1000 });
  return { runs: page.runs, nextPageToken: page.nextPageToken, orderProblem, children: groupByParent(found.runs) };
}

function groupByParent(runs: RunView[]): Map<string, RunView[]> {
  const out = new Map<string, RunView[]>();
  for (const r of runs) if (r.parentRunId) out.set(r.parentRunId, [...(out.get(r.parentRunId) ?? []), r]);
  return out;
}

/** Only what the table shows crosses to the browser: runs can carry hundreds of params and tags. */
function slimmer(columns: DataColumn[]) {
  const pick = <T,>(all: Record<string, T>, kind: DataColumn['kind']) =>
    Object.fromEntries(columns.filter((c) => c.kind === kind && c.key in all).map((c) => [c.key, all[c.key]]));
  return (r: RunView): RunView => ({ ...r, params: pick(r.params, 'p'), metrics: pick(r.metrics, 'm'), tags: pick(r.tags, 't'), inputs: undefined, description: null, artifactUri: null });
}

export default async function ExperimentPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePageActor('read');
  const { id } = await params;
  const experiment = await loadExperiment(id);
  const state = parseRunsView(await searchParams);
  const [keys, access] = await Promise.all([listExperimentKeys(actor, { experimentId: id }), listGrants(actor, { resourceType: 'experiment', id })]);
  const filterProblem = filterProblemOf(state.filter);

  const { runs, nextPageToken, orderProblem, children } = filterProblem ? EMPTY_PAGE : await loadRuns(actor, id, state);
  const columns = state.columns ?? defaultColumns(keys);
  const slim = slimmer(columns);
  const rows: RunRow[] = runs.map((r) => ({ ...slim(r), subRows: children.get(r.id)?.map(slim) }));
  const rights = { update: can(actor, 'experiment.update'), delete: can(actor, 'experiment.delete'), createRun: can(actor, 'run.create') };
  const deleted = experiment.lifecycleStage === 'deleted';

  return (
    <>
      <ExperimentHeader experiment={experiment} rights={rights} />
      {experiment.ownerId ? (
        <div className="-mt-2 mb-4">
          <AccessDialog
            view={access}
            noun="experiment"
            grant={access.mayManage ? grantExperimentAccessAction.bind(null, id) : undefined}
            revokes={access.mayManage ? Object.fromEntries(access.grants.map((g) => [g.user.id, revokeExperimentAccessAction.bind(null, id, g.user.email ?? '')])) : undefined}
          />
        </div>
      ) : null}
      {deleted ? (
        <p className="mb-3 rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm">
          This experiment is in the trash, and its runs with it. {rights.delete ? 'Restore it to log to it again.' : 'An owner or admin can restore it.'}
        </p>
      ) : null}
      <RunsView
        experimentId={id}
        state={state}
        columns={columns}
        rows={rows}
        keys={keys}
        nextPageToken={nextPageToken}
        filterProblem={filterProblem}
        orderProblem={orderProblem}
        now={renderTime()}
        pageSize={PAGE_SIZE}
        help={
          <FilterHelp>
            <Markdown>{await searchHelp()}</Markdown>
          </FilterHelp>
        }
        empty={
          filterProblem ? (
            <EmptyState icon={SearchX} title="Fix the filter to see runs">
              <p>The filter above could not be read; the underlined part says where.</p>
            </EmptyState>
          ) : state.filter.trim() ? (
            <EmptyState icon={SearchX} title="No runs match this filter">
              <p>
                Params and tags compare as quoted strings (<code className="font-mono">params.lr = &apos;0.01&apos;</code>), metrics as numbers. Loosen the filter, or{' '}
                <Link className="underline underline-offset-4" href={`/experiments/${id}?${runsQuery({ ...state, filter: '', pages: [] })}`}>
                  clear it
                </Link>
                .
              </p>
            </EmptyState>
          ) : deleted ? (
            <EmptyState icon={Trash2} title="No runs to show">
              <p>Runs of an experiment in the trash are hidden until it is restored.</p>
            </EmptyState>
          ) : (
            <EmptyState icon={FlaskConical} title="No runs logged yet">
              <p>
                {rights.createRun ? 'Log one with “New run”, or from' : 'Runs appear here when logged from'} Python:{' '}
                <code className="font-mono">mlflow.set_experiment(&quot;{experiment.name}&quot;)</code> then <code className="font-mono">mlflow.start_run()</code>.
              </p>
            </EmptyState>
          )
        }
      />
    </>
  );
}
