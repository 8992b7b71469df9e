import { Pencil } from 'lucide-react';
import Link from 'next/link';
import { deleteExperimentAction, purgeExperimentAction, restoreExperimentAction, updateExperimentAction } from '@/app/(console)/experiments/actions';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ExperimentView } from '@/lib/experiments/schemas';
import type { ExperimentContents } from '@/lib/experiments/summarize-experiment-contents';
import { ExperimentFormDialog } from './experiment-form-dialog';
import { PurgeExperimentDialog } from './purge-experiment-dialog';
import { RelativeTime } from './relative-time';

export interface ExperimentRights {
  update: boolean;
  delete: boolean;
  purge: boolean;
}

interface Props {
  experiments: ExperimentView[];
  view: 'active' | 'deleted';
  rights: ExperimentRights;
  contents: Map<string, ExperimentContents>;
  now: number;
}

/** Experiments with their run counts and last activity; row actions follow the viewer's role (the service decides per experiment). */
export function ExperimentsTable({ experiments, view, rights, contents, now }: Props) {
  const showActions = view === 'active' ? rights.update || rights.delete : rights.delete || rights.purge;
  return (
    <Table aria-label={view === 'active' ? 'Experiments' : 'Experiments in the trash'}>
      <TableHeader>
        <TableRow>
          <TableHead className="w-16">ID</TableHead>
          <TableHead>Name</TableHead>
          <TableHead className="text-right">Runs</TableHead>
          <TableHead>Last activity</TableHead>
          <TableHead>Owner</TableHead>
          <TableHead>Created (UTC)</TableHead>
          {showActions ? (
            <TableHead className="text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {experiments.map((e) => (
          <TableRow key={e.id} data-testid="experiment-row">
            <TableCell className="tabular-nums text-muted-foreground">{e.id}</TableCell>
            <TableCell className="max-w-md">
              <Link href={`/experiments/${e.id}`} className="block truncate font-medium hover:underline focus-visible:underline" title={e.name}>
                {e.name}
              </Link>
              {e.description ? <p className="truncate text-xs text-muted-foreground">{firstLine(e.description)}</p> : null}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {view === 'deleted' ? (contents.get(e.id)?.runs ?? 0).toLocaleString('en') : (e.runCount ?? 0).toLocaleString('en')}
            </TableCell>
            <TableCell>
              <RelativeTime ms={e.lastActivity} now={now} fallback="no runs yet" />
            </TableCell>
            <TableCell className="max-w-48 truncate text-muted-foreground" title={e.ownerEmail ?? undefined}>
              {e.ownerEmail ?? (e.ownerId ? 'unknown user' : 'system')}
            </TableCell>
            <TableCell className="text-muted-foreground">
              <DateTime value={e.createdAt} />
            </TableCell>
            {showActions ? (
              <TableCell className="py-1 text-right">
                <div className="flex items-start justify-end gap-1">
                  {view === 'active' ? <ActiveActions experiment={e} rights={rights} /> : <TrashActions experiment={e} rights={rights} contents={contents.get(e.id)} />}
                </div>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function firstLine(text: string): string {
  // A one-line preview: the first non-empty line without Markdown markers.
  return text.split('\n').find((l) => l.trim() !== '')?.replace(/^#+\s*/, '').replace(/[*_`~]/g, '') ?? '';
}

function ActiveActions({ experiment: e, rights }: { experiment: ExperimentView; rights: ExperimentRights }) {
  return (
    <>
      {rights.update ? (
        <ExperimentFormDialog
          mode="edit"
          action={updateExperimentAction.bind(null, e.id)}
          initial={{ name: e.name, description: e.description }}
          trigger={
            <Button variant="ghost" size="sm" aria-label={`Rename ${e.name}`}>
              <Pencil aria-hidden />
              Rename
            </Button>
          }
        />
      ) : null}
      {rights.delete && e.id !== '0' ? (
        <ConfirmAction
          action={deleteExperimentAction.bind(null, e.id)}
          label="Delete"
          ariaLabel={`Delete ${e.name}`}
          title={`Move “${e.name}” to the trash?`}
          description={`Its ${e.runCount ?? 0} runs go with it and disappear from searches. You can restore it from the trash; nothing is removed for good until you delete it permanently.`}
          confirmLabel="Move to trash"
          destructive
        />
      ) : null}
    </>
  );
}

function TrashActions({ experiment: e, rights, contents }: { experiment: ExperimentView; rights: ExperimentRights; contents: ExperimentContents | undefined }) {
  return (
    <>
      {rights.delete ? (
        <ConfirmAction
          action={restoreExperimentAction.bind(null, e.id)}
          label="Restore"
          ariaLabel={`Restore ${e.name}`}
          title={`Restore “${e.name}”?`}
          description="The experiment and the runs deleted with it come back. Runs deleted on their own before stay in the trash."
          confirmLabel="Restore"
        />
      ) : null}
      {rights.purge ? <PurgeExperimentDialog action={purgeExperimentAction.bind(null, e.id)} name={e.name} contents={contents} /> : null}
    </>
  );
}
