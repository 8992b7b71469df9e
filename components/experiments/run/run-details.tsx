import Link from 'next/link';
import { formatDuration, RunStatusBadge } from '@/components/experiments/run-cells';
import { CopyButton } from '@/components/ui/copy-button';
import type { RunView } from '@/lib/experiments/schemas';
import { cn } from '@/lib/utils';

interface Props {
  run: RunView;
  parent: { id: string; name: string } | null;
  childRuns: RunView[];
  /** The page's render time, so a running run's duration is the same on server and client. */
  now: number;
}

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** A term and its value: the one div a description list allows around them. */
function Item({ term, children, className }: { term: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn('flex min-w-0 flex-col gap-0.5', className)}>
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

const none = <span className="text-muted-foreground">—</span>;

/** Who ran what, when, from which code, and where it sits among nested runs. */
export function RunDetails({ run, parent, childRuns, now }: Props) {
  const href = (id: string) => `/experiments/${run.experimentId}/runs/${id}`;
  return (
    <section aria-label="Run details" className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-md border bg-card p-4 md:grid-cols-4">
        <Item term="Status">
          <RunStatusBadge status={run.status} />
        </Item>
        <Item term="Duration">
          <span className="tabular-nums">
            {formatDuration((run.endTime ?? now) - run.startTime)}
            {run.endTime === null && run.status === 'RUNNING' ? <span className="text-muted-foreground"> so far</span> : null}
          </span>
        </Item>
        <Item term="Started (UTC)">
          <time dateTime={new Date(run.startTime).toISOString()} className="tabular-nums">
            {utc(run.startTime)}
          </time>
        </Item>
        <Item term="Ended (UTC)">
          {run.endTime === null ? (
            none
          ) : (
            <time dateTime={new Date(run.endTime).toISOString()} className="tabular-nums">
              {utc(run.endTime)}
            </time>
          )}
        </Item>
        <Item term="User">{run.userName ?? none}</Item>
        <Item term="Source">
          {run.source.name ? (
            <span className="font-mono text-xs">
              {run.source.name}
              {run.source.type ? <span className="text-muted-foreground"> ({run.source.type.toLowerCase()})</span> : null}
            </span>
          ) : (
            none
          )}
        </Item>
        <Item term="Git commit">{run.source.version ? <span className="font-mono text-xs" title={run.source.version}>{run.source.version.slice(0, 12)}</span> : none}</Item>
        <Item term="Entry point">{run.source.entryPoint ? <span className="font-mono text-xs">{run.source.entryPoint}</span> : none}</Item>
        <div className="col-span-2 flex min-w-0 flex-col gap-0.5">
          <dt className="text-xs text-muted-foreground">Run ID</dt>
          <dd className="flex items-center gap-2">
            <code className="truncate font-mono text-xs">{run.id}</code>
            <CopyButton value={run.id} label="Copy ID" />
          </dd>
        </div>
        <Item term="Artifact URI" className="col-span-2">
          {run.artifactUri ? <code className="break-all font-mono text-xs">{run.artifactUri}</code> : none}
        </Item>
        {run.parentRunId ? (
          <Item term="Parent run">
            {parent ? (
              <Link href={href(parent.id)} className="text-primary hover:underline">
                {parent.name}
              </Link>
            ) : (
              <span className="font-mono text-xs text-muted-foreground" title="The parent run is not available (deleted or in another experiment).">
                {run.parentRunId}
              </span>
            )}
          </Item>
        ) : null}
      </dl>
      {childRuns.length ? (
        <div className="flex flex-col gap-1.5">
          <h2 className="text-sm font-semibold">
            Child runs <span className="font-normal text-muted-foreground">({childRuns.length})</span>
          </h2>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Child runs">
            {childRuns.map((c) => (
              <li key={c.id} className="flex items-center gap-1.5">
                <Link href={href(c.id)} className="text-primary hover:underline">
                  {c.name}
                </Link>
                <RunStatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
