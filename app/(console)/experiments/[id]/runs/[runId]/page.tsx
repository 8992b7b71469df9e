import { Database, LineChart, ListTree } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { renderTime } from '@/components/experiments/relative-time';
import { ArtifactBrowser } from '@/components/artifacts/artifact-browser';
import { DatasetsList } from '@/components/experiments/run/datasets-list';
import { EndRunForm } from '@/components/experiments/run/end-run-form';
import { LoggingPanel, LoggingUnavailable } from '@/components/experiments/run/logging-panel';
import { MetricsTable } from '@/components/experiments/run/metrics-table';
import { ParamsTable } from '@/components/experiments/run/params-table';
import { RenameRunDialog } from '@/components/experiments/run/rename-run-dialog';
import { RunDescription } from '@/components/experiments/run/run-description';
import { RunDetails } from '@/components/experiments/run/run-details';
import { RunCharts } from '@/components/experiments/run/run-charts';
import { RunHeader } from '@/components/experiments/run/run-header';
import { runRights } from '@/components/experiments/run/run-rights';
import { RunTabs } from '@/components/experiments/run/run-tabs';
import { parseRunPageState, runPageHref, type RunTab } from '@/components/experiments/run/run-url';
import { TagsSection } from '@/components/experiments/run/tags-section';
import { EmptyState } from '@/components/ui/empty-state';
import { requirePageActor } from '@/lib/auth/page-actor';
import { isAppError } from '@/lib/errors';
import { getExperiment } from '@/lib/experiments/get-experiment';
import { getRun, listChildRuns } from '@/lib/experiments/get-run';
import type { RunView } from '@/lib/experiments/schemas';
import { deleteTagAction, logMetricAction, logParamAction, setTagAction, updateDescriptionAction, updateRunAction } from '../actions';

type Params = Promise<{ id: string; runId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const loadRun = cache(async (runId: string) => {
  const actor = await requirePageActor('read');
  if (!/^[0-9a-f]{32}$/.test(runId)) notFound();
  return getRun(actor, { id: runId }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const run = await loadRun((await params).runId);
  return { title: `${run.name} · Run` };
}

const orNull = <T,>(p: Promise<T>) => p.catch((e: unknown) => (isAppError(e) && e.code === 'not_found' ? null : Promise.reject(e)));

export default async function RunPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePageActor('read');
  const { id, runId } = await params;
  const run = await loadRun(runId);
  const state = parseRunPageState(await searchParams);
  // A link with the wrong experiment (hand-edited, or copied from elsewhere) goes to the run's own page.
  if (run.experimentId !== id) redirect(runPageHref(run.experimentId, run.id, state));
  const experiment = await getExperiment(actor, { id });
  const rights = runRights(actor, run);
  const ref = { experimentId: id, runId };
  const sorted = <T,>(o: Record<string, T>) => Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
  const tabs: { tab: RunTab; count?: number }[] = [
    { tab: 'overview' },
    { tab: 'charts', count: Object.keys(run.metrics).length },
    { tab: 'params', count: Object.keys(run.params).length },
    { tab: 'tags', count: Object.keys(run.tags).filter((k) => !k.startsWith('mlflow.')).length },
    { tab: 'datasets', count: run.inputs?.length ?? 0 },
    { tab: 'artifacts' },
  ];
  const tab = state.tab;
  const href = (t: RunTab) => runPageHref(id, runId, { ...state, tab: t });

  return (
    <>
      <RunHeader
        experiment={experiment}
        run={run}
        actions={
          <>
            {rights.edit ? <RenameRunDialog name={run.name} action={updateRunAction.bind(null, ref)} /> : null}
            {rights.log ? <EndRunForm action={updateRunAction.bind(null, ref)} /> : null}
          </>
        }
      />
      <RunTabs current={tab} tabs={tabs} />
      {run.lifecycleStage === 'deleted' ? (
        <p className="mb-3 rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm">This run is in the trash. Restore it from its experiment to log to it or change it.</p>
      ) : null}
      {tab === 'overview' ? (
        <Overview run={run} rights={rights} runRef={ref} chartHref={(key) => `${href('charts')}#chart-${encodeURIComponent(key)}`} />
      ) : tab === 'charts' ? (
        Object.keys(run.metrics).length ? (
          <RunCharts actor={actor} run={run} state={state} />
        ) : (
          <EmptyState icon={LineChart} title="No metrics logged yet">
            <p>{rights.log ? 'Log a metric on the Overview tab, or' : 'Metrics appear here when logged'} from Python with <code className="font-mono">mlflow.log_metric(&quot;loss&quot;, 0.42, step=1)</code>.</p>
          </EmptyState>
        )
      ) : tab === 'params' ? (
        Object.keys(run.params).length ? (
          <ParamsTable params={sorted(run.params)} />
        ) : (
          <EmptyState icon={ListTree} title="No params logged">
            <p>Params are the run&apos;s settings, logged once each: <code className="font-mono">mlflow.log_param(&quot;lr&quot;, 0.01)</code>.</p>
          </EmptyState>
        )
      ) : tab === 'tags' ? (
        <TagsSection
          tags={sorted(run.tags)}
          edit={rights.edit ? { set: setTagAction.bind(null, ref), remove: (key: string) => deleteTagAction.bind(null, ref, key) } : undefined}
          readOnlyReason={rights.editReason ?? undefined}
        />
      ) : tab === 'datasets' ? (
        run.inputs?.length ? (
          <DatasetsList inputs={run.inputs} />
        ) : (
          <EmptyState icon={Database} title="No datasets logged">
            <p>Record what the run trained and evaluated on with <code className="font-mono">mlflow.log_input(dataset, context=&quot;training&quot;)</code>.</p>
          </EmptyState>
        )
      ) : (
        <ArtifactBrowser runId={runId} />
      )}
    </>
  );
}

async function Overview({ run, rights, runRef, chartHref }: { run: RunView; rights: ReturnType<typeof runRights>; runRef: { experimentId: string; runId: string }; chartHref: (key: string) => string }) {
  const actor = await requirePageActor('read');
  const [children, parent] = await Promise.all([
    listChildRuns(actor, { id: run.id }).then((r) => r.runs),
    run.parentRunId ? orNull(getRun(actor, { id: run.parentRunId })) : Promise.resolve(null),
  ]);
  const metrics = Object.entries(run.metrics).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="flex flex-col gap-5">
      <RunDetails run={run} parent={parent} childRuns={children} now={renderTime()} />
      {rights.log ? (
        <LoggingPanel actions={{ logParam: logParamAction.bind(null, runRef), logMetric: logMetricAction.bind(null, runRef), setTag: setTagAction.bind(null, runRef) }} />
      ) : rights.logReason ? (
        <LoggingUnavailable reason={rights.logReason} />
      ) : null}
      <RunDescription description={run.description} action={updateDescriptionAction.bind(null, runRef)} canEdit={rights.edit} />
      <section aria-labelledby="metrics-heading" className="flex flex-col gap-2">
        <h2 id="metrics-heading" className="text-sm font-semibold">
          Metrics <span className="font-normal text-muted-foreground">({metrics.length})</span>
        </h2>
        {metrics.length ? <MetricsTable metrics={metrics} chartHref={chartHref} /> : <p className="text-sm text-muted-foreground">No metrics logged yet.</p>}
      </section>
    </div>
  );
}
