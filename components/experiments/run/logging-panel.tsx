import { LogMetricForm } from './log-metric-form';
import { LogParamForm } from './log-param-form';
import { SetTagForm } from './set-tag-form';

type Action = Parameters<typeof LogParamForm>[0]['action'];

interface Props {
  actions: { logParam: Action; logMetric: Action; setTag: Action };
}

/** Manual logging for a running run: the same services the MLflow client calls. */
export function LoggingPanel({ actions }: Props) {
  return (
    <section aria-labelledby="logging-heading" className="flex flex-col gap-3 rounded-md border bg-card p-4">
      <div>
        <h2 id="logging-heading" className="text-sm font-semibold">
          Log to this run
        </h2>
        <p className="text-xs text-muted-foreground">Params are immutable once logged; metrics keep every point; values NaN, Infinity and -Infinity are accepted.</p>
      </div>
      <div className="flex flex-col gap-3">
        <LogParamForm action={actions.logParam} />
        <LogMetricForm action={actions.logMetric} />
        <SetTagForm action={actions.setTag} idPrefix="log-tag" />
      </div>
    </section>
  );
}

/** Why there are no logging forms, in one line. */
export function LoggingUnavailable({ reason }: { reason: string }) {
  return <p className="rounded-md border border-dashed px-3 py-2 text-xs text-muted-foreground">{reason}</p>;
}
