import { ArrowLeft, Pencil, Plus } from 'lucide-react';
import Link from 'next/link';
import { deleteExperimentAction, restoreExperimentAction, updateExperimentAction } from '@/app/(console)/experiments/actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DateTime } from '@/components/ui/date-time';
import type { ExperimentView } from '@/lib/experiments/schemas';
import { ExperimentFormDialog } from './experiment-form-dialog';
import { Markdown } from './markdown';

interface Props {
  experiment: ExperimentView;
  rights: { update: boolean; delete: boolean; createRun: boolean };
}

/** Name, owner, tags and description of the experiment, with the actions the viewer's role allows. */
export function ExperimentHeader({ experiment: e, rights }: Props) {
  const deleted = e.lifecycleStage === 'deleted';
  const tags = Object.entries(e.tags).filter(([k]) => !k.startsWith('mlflow.'));
  return (
    <header className="mb-5 flex flex-col gap-3">
      <Link href="/experiments" className="inline-flex w-fit items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3.5" aria-hidden />
        Experiments
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="flex items-center gap-2 text-xl font-semibold tracking-tight">
            <span className="truncate">{e.name}</span>
            {deleted ? <Badge variant="destructive">in trash</Badge> : null}
          </h1>
          <p className="mt-1 text-xs text-muted-foreground">
            ID <span className="tabular-nums">{e.id}</span> · owner {e.ownerEmail ?? (e.ownerId ? 'unknown user' : 'system')} · created <DateTime value={e.createdAt} /> UTC
            {e.artifactLocation ? (
              <>
                {' '}
                · artifacts <span className="font-mono">{e.artifactLocation}</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="flex items-start gap-1">
          {rights.createRun && !deleted ? (
            <Button asChild size="sm">
              <Link href={`/experiments/${e.id}/runs/new`}>
                <Plus aria-hidden />
                New run
              </Link>
            </Button>
          ) : null}
          {rights.update && !deleted ? (
            <ExperimentFormDialog
              mode="edit"
              action={updateExperimentAction.bind(null, e.id)}
              initial={{ name: e.name, description: e.description }}
              trigger={
                <Button variant="outline" size="sm">
                  <Pencil aria-hidden />
                  Edit
                </Button>
              }
            />
          ) : null}
          {rights.delete && e.id !== '0' ? (
            deleted ? (
              <ConfirmAction
                action={restoreExperimentAction.bind(null, e.id)}
                label="Restore"
                ariaLabel={`Restore ${e.name}`}
                title={`Restore “${e.name}”?`}
                description="The experiment and the runs deleted with it come back."
                confirmLabel="Restore"
              />
            ) : (
              <ConfirmAction
                action={deleteExperimentAction.bind(null, e.id)}
                label="Delete"
                ariaLabel={`Delete ${e.name}`}
                title={`Move “${e.name}” to the trash?`}
                description="Its runs go with it and disappear from searches. You can restore it from the trash."
                confirmLabel="Move to trash"
                destructive
              />
            )
          ) : null}
        </div>
      </div>
      {tags.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Experiment tags">
          {tags.map(([k, v]) => (
            <li key={k}>
              <Badge variant="outline" className="font-normal">
                <span className="text-muted-foreground">{k}</span>
                {v ? <span className="ml-1">{v}</span> : null}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {e.description ? <Markdown className="max-w-3xl rounded-md border bg-card px-4 py-2">{e.description}</Markdown> : null}
    </header>
  );
}
