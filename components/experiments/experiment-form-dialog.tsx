'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FieldError, Input, Label, Textarea } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import type { ExperimentView } from '@/lib/experiments/schemas';

type Action = (prev: ActionState<ExperimentView>, form: FormData) => Promise<ActionState<ExperimentView>>;

interface Props {
  action: Action;
  mode: 'create' | 'edit';
  trigger: React.ReactNode;
  initial?: { name: string; description: string | null };
}

/** Create or rename an experiment; the service's refusals (a taken name, no rights) show under the field or the form. */
export function ExperimentFormDialog({ action, mode, trigger, initial }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{mode === 'create' ? 'New experiment' : 'Edit experiment'}</DialogTitle>
          <DialogDescription>
            {mode === 'create' ? 'Runs are logged into an experiment from the console, the REST API or an MLflow client.' : 'Names are unique, including experiments in the trash.'}
          </DialogDescription>
        </DialogHeader>
        {open ? <ExperimentForm action={action} mode={mode} initial={initial} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ExperimentForm({ action, mode, initial, onDone }: Omit<Props, 'trigger'> & { onDone: () => void }) {
  const { state, pending, formProps } = useActionForm(action);
  // A taken name comes back as a conflict, not a validation error; it still belongs under the name field.
  const errors: Record<string, string | undefined> = { ...(state.code === 'already_exists' ? { name: state.message } : {}), ...state.fieldErrors };
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  return (
    <form {...formProps} aria-label={mode === 'create' ? 'Create experiment' : 'Edit experiment'} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="experiment-name">Name</Label>
        <Input
          id="experiment-name"
          name="name"
          autoFocus
          autoComplete="off"
          defaultValue={initial?.name}
          placeholder="churn-model"
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? 'experiment-name-error' : undefined}
        />
        <FieldError id="experiment-name-error" message={errors.name} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="experiment-description">
          Description <span className="font-normal text-muted-foreground">(optional, Markdown)</span>
        </Label>
        <Textarea
          id="experiment-description"
          name="description"
          rows={4}
          defaultValue={initial?.description ?? ''}
          aria-invalid={!!errors.description}
          aria-describedby={errors.description ? 'experiment-description-error' : undefined}
        />
        <FieldError id="experiment-description-error" message={errors.description} />
      </div>
      {state.ok === false && !state.fieldErrors && state.code !== 'already_exists' ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? (mode === 'create' ? 'Creating…' : 'Saving…') : mode === 'create' ? 'Create experiment' : 'Save'}
        </Button>
      </DialogFooter>
    </form>
  );
}
