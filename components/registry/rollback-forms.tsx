'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FieldError, Input, Label, Select, Textarea } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface Props {
  action: Action;
  /** Versions that could go back to Production (not the current holder), newest first. */
  candidates: number[];
  /** The previous Production holder, from the history; the default choice. */
  previous: number | null;
  current: number | null;
}

function VersionChoice({ id, candidates, previous, error }: { id: string; candidates: number[]; previous: number | null; error?: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>Version to restore</Label>
      <Select id={id} name="version" defaultValue={previous !== null ? String(previous) : ''} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined}>
        {previous === null ? <option value="">The previous Production holder</option> : null}
        {candidates.map((v) => (
          <option key={v} value={v}>
            v{v}
            {v === previous ? ' (previous Production holder)' : ''}
          </option>
        ))}
      </Select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Asks to put an earlier version back in Production; an approver signs it off like any other request. */
export function RequestRollbackForm({ action, candidates, previous, current }: Props) {
  const { state, pending, formProps } = useActionForm(action);
  return (
    <form {...formProps} aria-label="Request rollback" className="flex flex-col gap-3">
      <p className="text-xs text-muted-foreground">
        {current !== null ? `v${current} is in Production. ` : ''}A rollback is a request: it is applied once an approver signs it off, and the current holder is archived.
      </p>
      <VersionChoice id="rollback-version" candidates={candidates} previous={previous} error={state.fieldErrors?.version} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="rollback-comment">
          Comment <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Input id="rollback-comment" name="comment" autoComplete="off" placeholder="Why roll back?" />
      </div>
      <div className="flex items-center justify-between gap-2">
        <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
          {state.ok !== null && !state.fieldErrors ? state.message : ''}
        </p>
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          {pending ? 'Requesting…' : 'Request rollback'}
        </Button>
      </div>
    </form>
  );
}

/** Admin only: restores a version at once, without approval; asks for a reason, which the history and audit log keep. */
export function EmergencyRollbackDialog({ action, candidates, previous, current }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="destructive">
          Emergency rollback
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Emergency rollback</DialogTitle>
          <DialogDescription>
            Puts the chosen version in Production now, without approval{current !== null ? `, and archives v${current}` : ''}. The reason is kept in the model’s timeline and the audit log.
          </DialogDescription>
        </DialogHeader>
        {open ? <EmergencyForm action={action} candidates={candidates} previous={previous} current={current} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function EmergencyForm({ action, candidates, previous, onDone }: Props & { onDone: () => void }) {
  const { state, pending, formProps } = useActionForm(action);
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  const reasonError = state.fieldErrors?.reason;
  return (
    <form {...formProps} aria-label="Emergency rollback" className="flex flex-col gap-4">
      <VersionChoice id="emergency-version" candidates={candidates} previous={previous} error={state.fieldErrors?.version} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="emergency-reason">Reason</Label>
        <Textarea id="emergency-reason" name="reason" rows={3} required placeholder="e.g. v7 returns empty scores since 09:40; incident INC-123" aria-invalid={!!reasonError} aria-describedby={reasonError ? 'emergency-reason-error' : undefined} />
        <FieldError id="emergency-reason-error" message={reasonError} />
      </div>
      {state.ok === false && !state.fieldErrors ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" size="sm" variant="destructive" disabled={pending}>
          {pending ? 'Rolling back…' : 'Roll back now'}
        </Button>
      </DialogFooter>
    </form>
  );
}
