import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { RunStatusBadge } from '@/components/experiments/run-cells';
import { Badge } from '@/components/ui/badge';

interface Props {
  experiment: { id: string; name: string };
  run: { name: string; status: Parameters<typeof RunStatusBadge>[0]['status']; lifecycleStage: string };
  /** Rename and End run, when the viewer may use them. */
  actions?: React.ReactNode;
}

/** The run's name and status under a link back to its experiment. */
export function RunHeader({ experiment, run, actions }: Props) {
  return (
    <header className="mb-4 flex flex-col gap-2">
      <Link href={`/experiments/${experiment.id}`} className="inline-flex w-fit items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3.5" aria-hidden />
        {experiment.name}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="flex min-w-0 items-center gap-2 text-xl font-semibold tracking-tight">
          <span className="truncate">{run.name}</span>
          <RunStatusBadge status={run.status} />
          {run.lifecycleStage === 'deleted' ? <Badge variant="destructive">in trash</Badge> : null}
        </h1>
        {actions ? <div className="flex items-start gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}
