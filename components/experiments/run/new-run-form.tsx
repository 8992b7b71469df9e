'use client';

import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { FieldError, Label, Select, Textarea } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { Field, FormStatus } from './field';

type Action = (prev: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;

interface Props {
  action: Action;
  experimentId: string;
  /** Runs of the experiment that can be the new run's parent, newest first. */
  parents: { id: string; name: string }[];
}

/** Starts a run (status RUNNING) and opens its page, where params and metrics are logged. */
export function NewRunForm({ action, experimentId, parents }: Props) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Create run" className="flex max-w-xl flex-col gap-4">
      <Field id="new-run-name" name="name" label="Name" placeholder="Leave empty for a generated name" autoFocus error={errors.name} />
      <div className="flex flex-col gap-1">
        <Label htmlFor="new-run-description" className="text-xs">
          Description <span className="font-normal text-muted-foreground">(optional, Markdown)</span>
        </Label>
        <Textarea id="new-run-description" name="description" rows={4} aria-invalid={!!errors.description} aria-describedby={errors.description ? 'new-run-description-error' : undefined} />
        <FieldError id="new-run-description-error" message={errors.description} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="new-run-parent" className="text-xs">
          Parent run <span className="font-normal text-muted-foreground">(optional, for nested runs such as a sweep)</span>
        </Label>
        <Select id="new-run-parent" name="parentRunId" defaultValue="" aria-invalid={!!errors.parentRunId} aria-describedby={errors.parentRunId ? 'new-run-parent-error' : undefined}>
          <option value="">None</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id.slice(0, 8)})
            </option>
          ))}
        </Select>
        <FieldError id="new-run-parent-error" message={errors.parentRunId} />
      </div>
      <FormStatus state={state} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? 'Creating…' : 'Create run'}
        </Button>
        <Button asChild variant="ghost" size="sm">
          <Link href={`/experiments/${experimentId}`}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
