'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label, Select } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ModelStage } from '@/lib/registry/schemas';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

const STAGES: ModelStage[] = ['Staging', 'Production', 'Archived', 'None'];

/** Asks for a stage change; it waits in Sign-offs unless the policy needs no approval. */
export function RequestTransitionForm({ action, stage }: { action: Action; stage: ModelStage }) {
  const { state, pending, formProps } = useActionForm(action);
  const first = STAGES.find((s) => s !== stage) ?? 'Staging';
  const [target, setTarget] = useState<ModelStage>(first);
  const [archive, setArchive] = useState(first === 'Production');
  // A success resets the form; the controlled fields go back to their defaults with it.
  const onReset = () => {
    setTarget(first);
    setArchive(first === 'Production');
  };
  const applied = (state.data as { applied?: boolean } | undefined)?.applied;
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} onReset={onReset} aria-label="Request transition" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="transition-target" className="text-xs">
          Target stage
        </Label>
        <Select
          id="transition-target"
          name="target"
          value={target}
          onChange={(e) => {
            const next = e.target.value as ModelStage;
            setTarget(next);
            setArchive(next === 'Production');
          }}
          aria-invalid={!!errors.target}
          aria-describedby={errors.target ? 'transition-target-error' : undefined}
        >
          {STAGES.filter((s) => s !== stage).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        <FieldError id="transition-target-error" message={errors.target} />
      </div>
      <input type="hidden" name="archiveExisting" value={String(archive)} />
      <label className="flex items-center gap-2 text-xs">
        <input type="checkbox" checked={archive} onChange={(e) => setArchive(e.target.checked)} className="size-4 accent-primary" />
        Archive the versions now in {target}
      </label>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="transition-comment" className="text-xs">
          Comment <span className="font-normal text-muted-foreground">(for the approver)</span>
        </Label>
        <Input id="transition-comment" name="comment" autoComplete="off" placeholder="What changed, how it was evaluated" />
      </div>
      <div className="flex items-center justify-end gap-3">
        <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
          {state.ok === false && !state.fieldErrors ? state.message : ''}
          {state.ok ? (applied ? 'Applied: this target needs no approval.' : 'Requested; it waits for an approver in Sign-offs.') : ''}
        </p>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? 'Requesting…' : 'Request transition'}
        </Button>
      </div>
    </form>
  );
}
