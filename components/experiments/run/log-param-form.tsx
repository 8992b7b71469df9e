'use client';

import { Button } from '@/components/ui/button';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { Field, FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Params are immutable: re-logging a key with another value is refused, and the refusal shows under the value. */
export function LogParamForm({ action }: { action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors: Record<string, string | undefined> = { ...(state.code === 'param_immutable' ? { value: state.message } : {}), ...state.fieldErrors };
  return (
    <form {...formProps} aria-label="Log a param" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <span className="w-16 pt-6 text-xs font-medium">Param</span>
        <Field id="param-key" name="key" label="Key" placeholder="learning_rate" error={errors.key} className="w-56" />
        <Field id="param-value" name="value" label="Value" placeholder="0.001" error={errors.value} className="w-72" />
        <Button type="submit" size="sm" variant="secondary" className="mt-5" disabled={pending}>
          {pending ? 'Logging…' : 'Log param'}
        </Button>
      </div>
      {state.code === 'param_immutable' ? null : <FormStatus state={state} />}
    </form>
  );
}
