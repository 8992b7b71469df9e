'use client';

import { Pencil } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import { Field, FormStatus } from './field';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Renames the run; the service mirrors the name to the mlflow.runName tag. */
export function RenameRunDialog({ action, name }: { action: Action; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Pencil aria-hidden />
          Rename
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename run</DialogTitle>
          <DialogDescription>The name is also stored in the mlflow.runName tag, which MLflow clients read.</DialogDescription>
        </DialogHeader>
        {open ? <RenameForm action={action} name={name} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function RenameForm({ action, name, onDone }: { action: Action; name: string; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm(action);
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  return (
    <form {...formProps} aria-label="Rename run" className="flex flex-col gap-4">
      <Field id="run-name" name="name" label="Name" defaultValue={name} autoFocus error={state.fieldErrors?.name} />
      <FormStatus state={state.ok ? { ok: null } : state} />
      <DialogFooter>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </DialogFooter>
    </form>
  );
}
