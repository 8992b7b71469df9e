'use client';

import { startTransition, useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input, Label } from '@/components/ui/input';
import type { ActionState } from '@/lib/api/action';
import type { ExperimentContents } from '@/lib/experiments/summarize-experiment-contents';
import type { PurgeOutput } from '@/lib/experiments/schemas';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * Permanent delete of an experiment in the trash. The person types the name to confirm, after reading
 * what goes with it; the count comes from the server when the page rendered.
 */
export function PurgeExperimentDialog({
  action,
  name,
  contents,
}: {
  action: (prev: ActionState<PurgeOutput>, form: FormData) => Promise<ActionState<PurgeOutput>>;
  name: string;
  contents: ExperimentContents | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [state, dispatch, pending] = useActionState(action, { ok: null });
  const matches = typed === name;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!matches) return;
    startTransition(() => dispatch(new FormData()));
    setOpen(false);
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <Dialog open={open} onOpenChange={(o) => (setOpen(o), setTyped(''))}>
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" aria-label={`Delete ${name} permanently`} disabled={pending}>
            {pending ? 'Deleting…' : 'Delete permanently'}
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Delete “{name}” permanently?</DialogTitle>
            <DialogDescription>This cannot be undone. The name becomes free for a new experiment.</DialogDescription>
          </DialogHeader>
          <ul className="list-disc pl-5 text-sm" aria-label="What will be removed">
            <li>{contents ? plural(contents.runs, 'run') : 'all runs'}, with their params and tags</li>
            <li>{contents ? plural(contents.metricPoints, 'metric point') : 'their metric history'}</li>
            <li>
              its artifact files in the artifact store
              {contents && contents.runsWithArtifacts > 0 ? ` (${plural(contents.runsWithArtifacts, 'run')} with artifacts)` : ''}
            </li>
            <li>every permission granted on it</li>
          </ul>
          <form onSubmit={submit} className="flex flex-col gap-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="purge-confirm">
                Type <span className="font-mono">{name}</span> to confirm
              </Label>
              <Input id="purge-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" size="sm" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" variant="destructive" size="sm" disabled={!matches || pending}>
                Delete permanently
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      {state.ok === false ? (
        <p role="alert" className="max-w-64 text-right text-xs text-destructive">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
