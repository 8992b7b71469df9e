'use client';

import { Button } from '@/components/ui/button';
import { FieldError, Input, Label, Textarea } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import type { VersionView } from '@/lib/registry/schemas';
import { CARD_LABELS, TEXT_FIELDS } from './card-fields';

type Action = (prev: ActionState<VersionView>, form: FormData) => Promise<ActionState<VersionView>>;

/** The model card as one form; saved whole, so an emptied field is cleared. */
export function ModelCardForm({ action, card }: { action: Action; card: VersionView['card'] }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Model card" className="flex flex-col gap-3">
      {TEXT_FIELDS.map((f) => (
        <div key={f} className="flex flex-col gap-1.5">
          <Label htmlFor={`card-${f}`} className="text-xs">
            {CARD_LABELS[f]}
          </Label>
          <Textarea id={`card-${f}`} name={f} rows={2} className="min-h-14" defaultValue={card[f] ?? ''} aria-invalid={!!errors[f]} aria-describedby={errors[f] ? `card-${f}-error` : undefined} />
          <FieldError id={`card-${f}-error`} message={errors[f]} />
        </div>
      ))}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="card-owners" className="text-xs">
          {CARD_LABELS.owners} <span className="font-normal text-muted-foreground">(comma-separated)</span>
        </Label>
        <Input id="card-owners" name="owners" defaultValue={card.owners.join(', ')} aria-invalid={!!errors.owners} aria-describedby={errors.owners ? 'card-owners-error' : undefined} />
        <FieldError id="card-owners-error" message={errors.owners} />
      </div>
      <div className="flex items-center justify-end gap-3">
        <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
          {state.ok !== null && !state.fieldErrors ? state.message : ''}
        </p>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? 'Saving…' : 'Save model card'}
        </Button>
      </div>
    </form>
  );
}
