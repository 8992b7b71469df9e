'use client';

import { useEffect, useState } from 'react';
import { Markdown } from '@/components/experiments/markdown';
import { Button } from '@/components/ui/button';
import { FieldError, Label, Textarea } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The run's notes as Markdown (no raw HTML), with a Write / Preview editor for those who may edit. */
export function RunDescription({ description, action, canEdit }: { description: string | null; action: Action; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="run-description-heading" className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h2 id="run-description-heading" className="text-sm font-semibold">
          Description
        </h2>
        {canEdit && !editing ? (
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            {description ? 'Edit description' : 'Add description'}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <DescriptionEditor initial={description ?? ''} action={action} onDone={() => setEditing(false)} />
      ) : description ? (
        <Markdown className="rounded-md border bg-card px-4 py-2 [&>*:first-child]:mt-0">{description}</Markdown>
      ) : (
        <p className="text-sm text-muted-foreground">No description. {canEdit ? 'Add notes on what this run tried, in Markdown.' : ''}</p>
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
      <Label htmlFor="run-description" className="sr-only">
        Description (Markdown)
      </Label>
      {/* The textarea stays mounted while previewing, so the form still submits what was written. */}
      <Textarea
        id="run-description"
        name="description"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={preview ? 'hidden' : 'font-mono text-xs'}
        aria-invalid={!!error}
        aria-describedby={error ? 'run-description-error' : undefined}
      />
      {preview ? <div className="min-h-20 rounded-md border bg-card px-4 py-2">{text.trim() ? <Markdown>{text}</Markdown> : <p className="text-sm text-muted-foreground">Nothing to preview.</p>}</div> : null}
      <FieldError id="run-description-error" message={error} />
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
