import { TagsTable } from '@/components/forms/tags-table';
import { Table, TableBody, TableCell, TableRow } from '@/components/ui/table';
import { SetTagForm } from './set-tag-form';

type Action = Parameters<typeof SetTagForm>[0]['action'];

interface Props {
  tags: [string, string][];
  /** Present when the viewer may edit tags: one set action, and a delete action per user tag. */
  edit?: { set: Action; remove: (key: string) => Action };
  readOnlyReason?: string;
}

const SYSTEM_NOTES: Record<string, string> = {
  'mlflow.runName': 'Change it by renaming the run.',
  'mlflow.note.content': 'The description; edit it on the Overview tab.',
};

/** User tags (editable) and MLflow's system tags (mlflow.*, read-only; they mirror run fields). */
export function TagsSection({ tags, edit, readOnlyReason }: Props) {
  const user = tags.filter(([k]) => !k.startsWith('mlflow.'));
  const system = tags.filter(([k]) => k.startsWith('mlflow.'));
  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="user-tags-heading" className="flex flex-col gap-2">
        <h2 id="user-tags-heading" className="text-sm font-semibold">
          Tags <span className="font-normal text-muted-foreground">({user.length})</span>
        </h2>
        {user.length ? (
          <TagsTable label="Tags" tags={user} edit={edit && { set: edit.set, remove: Object.fromEntries(user.map(([k]) => [k, edit.remove(k)])) }} deleteDescription="The tag is removed from this run. Searches on it will no longer match the run." />
        ) : (
          <p className="text-sm text-muted-foreground">No tags yet.{edit ? ' Add one below.' : ''}</p>
        )}
        {edit ? (
          <div className="pt-1">
            <SetTagForm action={edit.set} title="Add or change" />
          </div>
        ) : readOnlyReason ? (
          <p className="text-xs text-muted-foreground">{readOnlyReason}</p>
        ) : null}
      </section>
      {system.length ? (
        <section aria-labelledby="system-tags-heading" className="flex flex-col gap-2">
          <h2 id="system-tags-heading" className="text-sm font-semibold">
            System tags <span className="font-normal text-muted-foreground">(read-only)</span>
          </h2>
          <Table aria-label="System tags">
            <TableBody>
              {system.map(([k, v]) => (
                <TableRow key={k}>
                  <TableCell className="w-1/3 py-1.5 font-mono text-xs text-muted-foreground">{k}</TableCell>
                  <TableCell className="break-all py-1.5 text-xs">
                    <span className="line-clamp-3 whitespace-pre-wrap">{v}</span>
                    {SYSTEM_NOTES[k] ? <span className="mt-0.5 block text-[11px] text-muted-foreground">{SYSTEM_NOTES[k]}</span> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
    </div>
  );
}
