'use client';

import { useEffect, useState } from 'react';
import { FormStatus } from '@/components/experiments/run/field';
import { Markdown } from '@/components/experiments/markdown';
import { Button } from '@/components/ui/button';
import { FieldError, Label, Textarea } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface Props {
  /** Prefix of the element ids, unique on the page (e.g. `run-description`). */
  idPrefix: string;
  description: string | null;
  /** Present for those who may edit; the form posts `description`. */
  action?: Action;
  /** Said under "No description." to those who may edit. */
  emptyHint: string;
  testId?: string;
}

/** A description in Markdown (no raw HTML), with a Write / Preview editor for those who may edit it. */
export function MarkdownDescription({ idPrefix, description, action, emptyHint, testId }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h2 id={`${idPrefix}-heading`} className="text-sm font-semibold">
          Description
        </h2>
        {action && !editing ? (
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            {description ? 'Edit description' : 'Add description'}
          </Button>
        ) : null}
      </div>
      {editing && action ? (
        <DescriptionEditor idPrefix={idPrefix} initial={description ?? ''} action={action} onDone={() => setEditing(false)} />
      ) : description ? (
        <div data-testid={testId}>
          <Markdown className="rounded-md border bg-card px-4 py-2 [&>*:first-child]:mt-0">{description}</Markdown>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">No description. {action ? emptyHint : ''}</p>
      )}
    </section>
  );
}

function DescriptionEditor({ idPrefix, initial, action, onDone }: { idPrefix: string; initial: string; action: Action; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm(action);
  const [text, setText] = useState(initial);
  const [preview, setPreview] = useState(false);
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  const error = state.fieldErrors?.description;
  const inputId = `${idPrefix}-input`;
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
      <Label htmlFor={inputId} className="sr-only">
        Description (Markdown)
      </Label>
      {/* The textarea stays mounted while previewing, so the form still submits what was written. */}
      <Textarea
        id={inputId}
        name="description"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={preview ? 'hidden' : 'font-mono text-xs'}
        aria-invalid={!!error}
        aria-describedby={error ? `${inputId}-error` : undefined}
      />
      {preview ? <div className="min-h-20 rounded-md border bg-card px-4 py-2">{text.trim() ? <Markdown>{text}</Markdown> : <p className="text-sm text-muted-foreground">Nothing to preview.</p>}</div> : null}
      <FieldError id={`${inputId}-error`} message={error} />
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
