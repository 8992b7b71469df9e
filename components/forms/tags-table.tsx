'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FieldError, Input, Label } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { FormStatus } from '@/components/experiments/run/field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface TableProps {
  label: string;
  tags: [string, string][];
  /** Present when the viewer may edit: one set action (posts key and value), and a bound delete action per key. */
  edit?: { set: Action; remove: Record<string, Action> };
  /** What deleting a tag does, said in the confirmation. */
  deleteDescription: string;
  rowTestId?: string;
}

/** Tags as a table: values edited in place, tags deleted after a confirmation. */
export function TagsTable({ label, tags, edit, deleteDescription, rowTestId }: TableProps) {
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>Key</TableHead>
          <TableHead>Value</TableHead>
          {edit ? <TableHead className="text-right">Actions</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {tags.map(([k, v]) => (
          <TagRow key={k} tagKey={k} value={v} setAction={edit?.set} deleteAction={edit?.remove[k]} deleteDescription={deleteDescription} testId={rowTestId} />
        ))}
      </TableBody>
    </Table>
  );
}

interface RowProps {
  tagKey: string;
  value: string;
  /** Absent when the viewer may not edit tags. */
  setAction?: Action;
  deleteAction?: Action;
  deleteDescription: string;
  testId?: string;
}

/** One tag: its value can be edited in place, or the tag deleted after a confirmation. */
function TagRow({ tagKey, value, setAction, deleteAction, deleteDescription, testId = 'tag-row' }: RowProps) {
  const [editing, setEditing] = useState(false);
  return (
    <TableRow data-testid={testId}>
      <TableCell className="w-1/3 break-all font-mono text-xs">{tagKey}</TableCell>
      <TableCell className="break-all text-xs">{editing && setAction ? <EditValue tagKey={tagKey} value={value} action={setAction} onDone={() => setEditing(false)} /> : value || <span className="text-muted-foreground">(empty)</span>}</TableCell>
      {setAction || deleteAction ? (
        <TableCell className="w-40 text-right">
          {editing ? null : (
            <div className="flex items-start justify-end gap-1">
              {setAction ? (
                <Button variant="ghost" size="sm" aria-label={`Edit tag ${tagKey}`} onClick={() => setEditing(true)}>
                  Edit
                </Button>
              ) : null}
              {deleteAction ? (
                <ConfirmAction
                  action={deleteAction}
                  label="Delete"
                  ariaLabel={`Delete tag ${tagKey}`}
                  title={`Delete the tag “${tagKey}”?`}
                  description={deleteDescription}
                  confirmLabel="Delete tag"
                  destructive
                />
              ) : null}
            </div>
          )}
        </TableCell>
      ) : null}
    </TableRow>
  );
}

function EditValue({ tagKey, value, action, onDone }: { tagKey: string; value: string; action: Action; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm(action);
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  const id = `tag-edit-${tagKey.replace(/[^\w-]/g, '_')}`;
  const error = state.fieldErrors?.value;
  return (
    <form {...formProps} aria-label={`Edit tag ${tagKey}`} className="flex flex-col gap-1" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <input type="hidden" name="key" value={tagKey} />
      <div className="flex items-center gap-1">
        <Label htmlFor={id} className="sr-only">
          Value of {tagKey}
        </Label>
        <Input id={id} name="value" defaultValue={value} autoFocus className="h-8 text-xs" aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} />
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <FormStatus state={state.ok ? { ok: null } : state} />
    </form>
  );
}
