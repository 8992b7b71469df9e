'use client';

import { Button } from '@/components/ui/button';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { Field, FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** One metric point; the value may be NaN, Infinity or -Infinity, as a diverging loss should show. */
export function LogMetricForm({ action }: { action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Log a metric" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <span className="w-16 pt-6 text-xs font-medium">Metric</span>
        <Field id="metric-key" name="key" label="Key" placeholder="val_loss" error={errors.key} className="w-56" />
        <Field id="metric-value" name="value" label="Value" placeholder="0.42 or NaN" inputMode="decimal" error={errors.value} className="w-44" />
        <Field id="metric-step" name="step" label="Step" placeholder="0" inputMode="numeric" error={errors.step} className="w-24" />
        <Button type="submit" size="sm" variant="secondary" className="mt-5" disabled={pending}>
          {pending ? 'Logging…' : 'Log metric'}
        </Button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
