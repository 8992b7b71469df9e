'use client';

import { useEffect, useState } from 'react';
import { Field, FormStatus } from '@/components/experiments/run/field';
import { Markdown } from '@/components/experiments/markdown';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FieldError, Input, Label, Textarea } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The model's description in Markdown, with a Write / Preview editor for those with EDIT on the model. */
export function ModelDescription({ description, action }: { description: string | null; action?: Action }) {
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="model-description-heading" className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h2 id="model-description-heading" className="text-sm font-semibold">
          Description
        </h2>
        {action && !editing ? (
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            {description ? 'Edit description' : 'Add description'}
          </Button>
        ) : null}
      </div>
      {editing && action ? (
        <DescriptionEditor initial={description ?? ''} action={action} onDone={() => setEditing(false)} />
      ) : description ? (
        <div data-testid="model-description">
          <Markdown className="rounded-md border bg-card px-4 py-2 [&>*:first-child]:mt-0">{description}</Markdown>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">No description. {action ? 'Say what the model does, its inputs and who to ask, in Markdown.' : ''}</p>
      )}
    </section>
  );
}

function DescriptionEditor({ initial, action, onDone }: { initial: string; action: Action; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm(action);
  const [text, setText] = useState(initial);
  const [preview, setPreview] = useState(false);
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  const error = state.fieldErrors?.description;
  return (
    <form {...formProps} aria-label="Edit description" className="flex flex-col gap-2">
      <div role="group" aria-label="Editor mode" className="flex gap-1 text-xs">
        {(['Write', 'Preview'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={preview === (mode === 'Preview')}
            onClick={() => setPreview(mode === 'Preview')}
            className="rounded-md px-2 py-1 text-muted-foreground aria-pressed:bg-secondary aria-pressed:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {mode}
          </button>
        ))}
      </div>
      <Label htmlFor="model-description-input" className="sr-only">
        Description (Markdown)
      </Label>
      {/* The textarea stays mounted while previewing, so the form still submits what was written. */}
      <Textarea
        id="model-description-input"
        name="description"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={preview ? 'hidden' : 'font-mono text-xs'}
        aria-invalid={!!error}
        aria-describedby={error ? 'model-description-error' : undefined}
      />
      {preview ? <div className="min-h-20 rounded-md border bg-card px-4 py-2">{text.trim() ? <Markdown>{text}</Markdown> : <p className="text-sm text-muted-foreground">Nothing to preview.</p>}</div> : null}
      <FieldError id="model-description-error" message={error} />
      <FormStatus state={state.ok ? { ok: null } : state} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? 'Saving…' : 'Save description'}
        </Button>
      </div>
    </form>
  );
}

interface TagsProps {
  tags: [string, string][];
  /** Present for those with EDIT on the model: one set action, and a bound delete per key. */
  edit?: { set: Action; remove: Record<string, Action> };
}

/** The model's tags: a table, edited in place, deleted after a confirmation, added below. */
export function ModelTags({ tags, edit }: TagsProps) {
  return (
    <section aria-labelledby="model-tags-heading" className="flex flex-col gap-2">
      <h2 id="model-tags-heading" className="text-sm font-semibold">
        Tags <span className="font-normal text-muted-foreground">({tags.length})</span>
      </h2>
      {tags.length ? (
        <Table aria-label="Model tags">
          <TableHeader>
            <TableRow>
              <TableHead>Key</TableHead>
              <TableHead>Value</TableHead>
              {edit ? <TableHead className="text-right">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {tags.map(([k, v]) => (
              <ModelTagRow key={k} tagKey={k} value={v} set={edit?.set} remove={edit?.remove[k]} />
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="text-sm text-muted-foreground">No tags yet.{edit ? ' Add one below.' : ''}</p>
      )}
      {edit ? <AddTagForm action={edit.set} /> : null}
    </section>
  );
}

function ModelTagRow({ tagKey, value, set, remove }: { tagKey: string; value: string; set?: Action; remove?: Action }) {
  const [editing, setEditing] = useState(false);
  return (
    <TableRow data-testid="model-tag-row">
      <TableCell className="w-1/3 font-mono text-xs break-all">{tagKey}</TableCell>
      <TableCell className="text-xs break-all">{editing && set ? <EditTagValue tagKey={tagKey} value={value} action={set} onDone={() => setEditing(false)} /> : value || <span className="text-muted-foreground">(empty)</span>}</TableCell>
      {set || remove ? (
        <TableCell className="w-40 text-right">
          {editing ? null : (
            <div className="flex items-start justify-end gap-1">
              {set ? (
                <Button variant="ghost" size="sm" aria-label={`Edit tag ${tagKey}`} onClick={() => setEditing(true)}>
                  Edit
                </Button>
              ) : null}
              {remove ? (
                <ConfirmAction
                  action={remove}
                  label="Delete"
                  ariaLabel={`Delete tag ${tagKey}`}
                  title={`Delete the tag “${tagKey}”?`}
                  description="The tag is removed from this model; its versions keep their own tags."
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

function EditTagValue({ tagKey, value, action, onDone }: { tagKey: string; value: string; action: Action; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm(action);
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  const id = `model-tag-edit-${tagKey.replace(/[^\w-]/g, '_')}`;
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

function AddTagForm({ action }: { action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Add a tag" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <Field id="model-tag-key" name="key" label="Key" placeholder="team" error={errors.key} className="w-48" />
        <Field id="model-tag-value" name="value" label="Value" placeholder="fraud" error={errors.value} className="w-64" />
        <Button type="submit" size="sm" variant="secondary" className="mt-5" disabled={pending}>
          {pending ? 'Saving…' : 'Set tag'}
        </Button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
