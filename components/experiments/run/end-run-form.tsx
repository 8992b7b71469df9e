'use client';

import { Button } from '@/components/ui/button';
import { Label, Select } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Ends a running run with the status the person picks; the end time is set by the service. */
export function EndRunForm({ action }: { action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  return (
    <form {...formProps} aria-label="End run" className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <Label htmlFor="end-status" className="sr-only">
          Final status
        </Label>
        <Select id="end-status" name="status" defaultValue="FINISHED" className="h-8 w-32 text-xs" aria-describedby={state.fieldErrors?.status ? 'end-status-error' : undefined}>
          <option value="FINISHED">Finished</option>
          <option value="FAILED">Failed</option>
          <option value="KILLED">Killed</option>
        </Select>
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          {pending ? 'Ending…' : 'End run'}
        </Button>
      </div>
      {state.fieldErrors?.status ? (
        <p id="end-status-error" role="alert" className="text-xs text-destructive">
          {state.fieldErrors.status}
        </p>
      ) : null}
      {state.ok === false ? <FormStatus state={state} /> : null}
    </form>
  );
}
