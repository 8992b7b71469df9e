'use client';

import { Button } from '@/components/ui/button';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { Field, FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Sets a tag (a new key, or a new value for an existing one). */
export function SetTagForm({ action, idPrefix = 'tag', title = 'Tag' }: { action: Action; idPrefix?: string; title?: string }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Set a tag" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <span className="min-w-16 pt-6 text-xs font-medium">{title}</span>
        <Field id={`${idPrefix}-key`} name="key" label="Key" placeholder="team" error={errors.key} className="w-56" />
        <Field id={`${idPrefix}-value`} name="value" label="Value" placeholder="ranking" error={errors.value} className="w-72" />
        <Button type="submit" size="sm" variant="secondary" className="mt-5" disabled={pending}>
          {pending ? 'Saving…' : 'Set tag'}
        </Button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
