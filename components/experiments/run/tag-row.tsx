'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FieldError, Input, Label } from '@/components/ui/input';
import { TableCell, TableRow } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface Props {
  tagKey: string;
  value: string;
  /** Absent when the viewer may not edit tags. */
  setAction?: Action;
  deleteAction?: Action;
}

/** One user tag: its value can be edited in place, or the tag deleted after a confirmation. */
export function TagRow({ tagKey, value, setAction, deleteAction }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <TableRow data-testid="tag-row">
      <TableCell className="w-1/3 font-mono text-xs">{tagKey}</TableCell>
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
                  description="The tag is removed from this run. Searches on it will no longer match the run."
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
