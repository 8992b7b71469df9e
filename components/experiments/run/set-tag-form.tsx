'use client';

import { Button } from '@/components/ui/button';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { Field, FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Sets a tag (a new key, or a new value for an existing one). */
export function SetTagForm({ action, idPrefix = 'tag' }: { action: Action; idPrefix?: string }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Set a tag" className="flex flex-col gap-2">
      <div className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
        <Field id={`${idPrefix}-key`} name="key" label="Key" placeholder="team" error={errors.key} />
        <Field id={`${idPrefix}-value`} name="value" label="Value" placeholder="ranking" error={errors.value} />
        <Button type="submit" size="sm" variant="secondary" className="mt-5" disabled={pending}>
          {pending ? 'Saving…' : 'Set tag'}
        </Button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
