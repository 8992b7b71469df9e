import type { Actor } from '@/lib/auth/actor';
import { getMetricHistory } from '@/lib/experiments/get-metric-history';
import type { RunView } from '@/lib/experiments/schemas';
import { ChartsPanel } from './charts-panel';
import { CHART_MAX_POINTS, serverAxis } from './history';
import type { RunPageState } from './run-url';

/** More charts than this on one page get slow to draw; the rest are named so people know they exist. */
const MAX_CHARTS = 40;

/** Every metric of the run, downsampled in the database (min/max with bands) on the page's x axis. */
export async function RunCharts({ actor, run, state }: { actor: Actor; run: RunView; state: RunPageState }) {
  const keys = Object.keys(run.metrics).sort((a, b) => a.localeCompare(b));
  const shown = keys.slice(0, MAX_CHARTS);
  const histories = await Promise.all(
    shown.map(async (key) => ({
      key,
      history: await getMetricHistory(actor, { runId: run.id, key, maxPoints: CHART_MAX_POINTS, method: 'minmax', xAxis: serverAxis(state.x) }),
    })),
  );
  return (
    <>
      <ChartsPanel runId={run.id} startTime={run.startTime} state={state} histories={histories} />
      {keys.length > shown.length ? (
        <p className="mt-3 text-xs text-muted-foreground">
          Showing the first {shown.length} of {keys.length} metrics by name. Not charted: {keys.slice(MAX_CHARTS).join(', ')}.
        </p>
      ) : null}
    </>
  );
}
