'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import type { ActionState } from '@/lib/api/action';
import { signInAction } from './actions';

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<ActionState<{ email: string }>, FormData>(signInAction, { ok: null });
  return (
    <form action={action} className="flex flex-col gap-4" aria-describedby={state.ok === false ? 'login-error' : undefined}>
      <input type="hidden" name="next" value={next ?? ''} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={state.data?.email} key={state.data?.email} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="password">Password</Label>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {state.ok === false ? (
        <p id="login-error" role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
