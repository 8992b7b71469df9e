'use client';

import { startTransition, useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label, Textarea } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

function Status({ state }: { state: ActionState }) {
  return (
    <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
      {state.ok !== null && !state.fieldErrors ? state.message : ''}
    </p>
  );
}

/** The version's description (markdown); saving it empty clears it. */
export function VersionDescriptionForm({ action, description }: { action: Action; description: string | null }) {
  const { state, pending, formProps } = useActionForm(action);
  const error = state.fieldErrors?.description;
  return (
    <form {...formProps} aria-label="Version description" className="flex flex-col gap-2">
      <Label htmlFor="version-description" className="sr-only">
        Description
      </Label>
      <Textarea
        id="version-description"
        name="description"
        rows={3}
        className="min-h-16"
        defaultValue={description ?? ''}
        placeholder="What this version is, how it differs from the last one"
        aria-invalid={!!error}
        aria-describedby={error ? 'version-description-error' : undefined}
      />
      <FieldError id="version-description-error" message={error} />
      <div className="flex items-center justify-end gap-3">
        <Status state={state} />
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          {pending ? 'Saving…' : 'Save description'}
        </Button>
      </div>
    </form>
  );
}

interface TagActions {
  set: Action;
  /** One delete action per key, bound on the server. */
  remove: Record<string, Action>;
}

/** Tags of the version: each value editable in place, each deletable, and a row to add one. */
export function VersionTagsEditor({ tags, actions }: { tags: Record<string, string>; actions: TagActions }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="flex flex-col gap-3">
      {entries.length ? (
        <ul aria-label="Version tags" className="flex flex-col gap-1.5">
          {entries.map(([key, value]) => (
            <TagRow key={`${key}\u0000${value}`} tagKey={key} value={value} set={actions.set} remove={actions.remove[key]} />
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">No tags yet.</p>
      )}
      <AddTagForm action={actions.set} />
    </div>
  );
}

function TagRow({ tagKey, value, set, remove }: { tagKey: string; value: string; set: Action; remove: Action }) {
  const { state, pending, formProps } = useActionForm(set);
  const [removeState, dispatchRemove, removing] = useActionState(remove, { ok: null });
  const inputId = `tag-value-${tagKey.replace(/\W+/g, '-')}`;
  return (
    <li className="flex flex-col gap-1" aria-label={`Tag ${tagKey}`}>
      <form {...formProps} className="flex items-center gap-1.5">
        <input type="hidden" name="key" value={tagKey} />
        <label htmlFor={inputId} className="w-24 shrink-0 truncate font-mono text-xs text-muted-foreground" title={tagKey}>
          {tagKey}
        </label>
        <Input id={inputId} name="value" defaultValue={value} aria-label={`Value of ${tagKey}`} className="h-7 font-mono text-xs" autoComplete="off" />
        <Button type="submit" size="sm" variant="ghost" className="h-7 px-2" disabled={pending} aria-label={`Save tag ${tagKey}`}>
          Save
        </Button>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          className="h-7 px-2 text-destructive hover:text-destructive"
          disabled={removing}
          aria-label={`Delete tag ${tagKey}`}
          onClick={() => startTransition(() => dispatchRemove(new FormData()))}
        >
          Delete
        </Button>
      </form>
      {state.ok === false ? (
        <p role="alert" className="text-xs text-destructive">
          {state.fieldErrors?.value ?? state.message}
        </p>
      ) : null}
      {removeState.ok === false ? (
        <p role="alert" className="text-xs text-destructive">
          {removeState.message}
        </p>
      ) : null}
    </li>
  );
}

function AddTagForm({ action }: { action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Add tag" className="flex flex-col gap-1.5 border-t pt-3">
      <div className="grid grid-cols-[1fr_1fr_auto] items-end gap-1.5">
        <div className="flex flex-col gap-1">
          <Label htmlFor="new-tag-key" className="text-xs">
            Key
          </Label>
          <Input id="new-tag-key" name="key" className="h-8 font-mono text-xs" autoComplete="off" aria-invalid={!!errors.key} aria-describedby={errors.key ? 'new-tag-key-error' : undefined} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="new-tag-value" className="text-xs">
            Value
          </Label>
          <Input id="new-tag-value" name="value" className="h-8 font-mono text-xs" autoComplete="off" aria-invalid={!!errors.value} aria-describedby={errors.value ? 'new-tag-value-error' : undefined} />
        </div>
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          {pending ? 'Adding…' : 'Add tag'}
        </Button>
      </div>
      <FieldError id="new-tag-key-error" message={errors.key} />
      <FieldError id="new-tag-value-error" message={errors.value} />
      <Status state={state} />
    </form>
  );
}
