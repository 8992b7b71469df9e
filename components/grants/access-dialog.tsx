'use client';

import { Users } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import type { ActionState } from '@/lib/api/action';
import type { GrantsView } from '@/lib/grants/schemas';
import { AccessCard } from './access-card';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** A one-line summary of who has access, opening the Access card in a dialog (for pages whose layout has no room for a card). */
export function AccessDialog({ view, noun, grant, revokes }: { view: GrantsView; noun: string; grant?: Action; revokes?: Record<string, Action> }) {
  const n = view.grants.length;
  return (
    <div className="flex items-center gap-2 text-xs text-muted-foreground" data-testid="access-summary">
      <span>
        {n === 0 ? 'No grants' : `${n} ${n === 1 ? 'grant' : 'grants'}`}
        {view.yourLevel ? ` · you: ${view.yourLevel}` : ''}
      </span>
      <Dialog>
        <DialogTrigger asChild>
          <Button variant="outline" size="sm" className="h-7">
            <Users aria-hidden />
            {view.mayManage && grant ? 'Manage access' : 'Access'}
          </Button>
        </DialogTrigger>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>Access to “{view.resourceName}”</DialogTitle>
            <DialogDescription>Who besides their role may read, edit or manage this {noun}.</DialogDescription>
          </DialogHeader>
          <AccessCard view={view} noun={noun} grant={grant} revokes={revokes} bare />
        </DialogContent>
      </Dialog>
    </div>
  );
}
