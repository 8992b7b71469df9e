'use client';

import { startTransition, useActionState, useState } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button, buttonVariants } from '@/components/ui/button';
import type { ActionState } from '@/lib/api/action';

interface ConfirmActionProps {
  /** A server action with its arguments already bound; it gets an empty form. */
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  label: string;
  /** Accessible name of the trigger when the visible label needs context, e.g. "Revoke token ci-deploy". */
  ariaLabel?: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  destructive?: boolean;
}

/**
 * A button that asks before it acts, then shows the service's refusal (e.g. last_admin) beside itself.
 * The dialog closes on confirm; progress shows on the trigger.
 */
export function ConfirmAction({ action, label, ariaLabel, title, description, confirmLabel, destructive = false }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const [state, dispatch, pending] = useActionState(action, { ok: null });
  const confirm = () => startTransition(() => dispatch(new FormData()));
  return (
    <div className="flex flex-col items-end gap-1">
      <AlertDialog open={open} onOpenChange={setOpen}>
        <AlertDialogTrigger asChild>
          <Button variant="ghost" size="sm" aria-label={ariaLabel} disabled={pending} className={destructive ? 'text-destructive hover:text-destructive' : undefined}>
            {pending ? `${label}…` : label}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            <AlertDialogDescription>{description}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction className={buttonVariants({ variant: destructive ? 'destructive' : 'default', size: 'sm' })} onClick={confirm}>
              {confirmLabel}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {state.ok === false ? (
        <p role="alert" className="max-w-64 text-right text-xs text-destructive">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
