'use client';

import { startTransition, useActionState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Label, Textarea } from '@/components/ui/input';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Approve or reject with an optional comment; the pressed button says which. */
export function DecisionForm({ action, label, stale }: { action: Action; label: string; stale: boolean }) {
  const [state, dispatch, pending] = useActionState<ActionState, FormData>(action, { ok: null });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(form));
  };
  const id = `decision-${label.replace(/\W+/g, '-')}`;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Decide ${label}`} className="flex flex-col gap-2">
      <Label htmlFor={`${id}-comment`} className="text-xs">
        Comment <span className="font-normal text-muted-foreground">(kept in the timeline)</span>
      </Label>
      <Textarea id={`${id}-comment`} name="comment" rows={2} className="min-h-12" aria-describedby={state.fieldErrors?.comment ? `${id}-error` : undefined} />
      <FieldError id={`${id}-error`} message={state.fieldErrors?.comment} />
      <div className="flex items-center justify-end gap-2">
        {state.ok === false && !state.fieldErrors ? (
          <p role="alert" className="mr-auto text-xs text-destructive">
            {state.message}
          </p>
        ) : stale ? (
          <p id={`${id}-stale`} className="mr-auto text-xs text-muted-foreground">
            Approve is off: this request is stale. Reject it with a comment so the requester asks again.
          </p>
        ) : null}
        <Button type="submit" name="decision" value="reject" size="sm" variant="outline" disabled={pending}>
          Reject
        </Button>
        <Button type="submit" name="decision" value="approve" size="sm" disabled={pending || stale} aria-describedby={stale ? `${id}-stale` : undefined}>
          {pending ? 'Saving…' : 'Approve'}
        </Button>
      </div>
    </form>
  );
}
