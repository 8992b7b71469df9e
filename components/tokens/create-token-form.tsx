'use client';

import { useState } from 'react';
import type { createTokenAction } from '@/app/(console)/settings/tokens/actions';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import { TokenSecret } from './token-secret';

const SCOPES = [
  { value: 'read', hint: 'read experiments, models and reports' },
  { value: 'write', hint: 'also change what your role may change' },
];

export function CreateTokenForm({ action }: { action: typeof createTokenAction }) {
  const { state, pending, formProps } = useActionForm(action);
  const [hidden, setHidden] = useState<string | null>(null);
  const errors = state.fieldErrors ?? {};
  const scopesError = errors.scopes ?? Object.entries(errors).find(([k]) => k.startsWith('scopes.'))?.[1];
  const created = state.ok && state.data && state.data.id !== hidden ? state.data : null;
  return (
    <div className="flex flex-col gap-4">
      <form {...formProps} aria-label="Create token" className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div className="flex w-64 flex-col gap-1.5">
          <Label htmlFor="token-name">Name</Label>
          <Input id="token-name" name="name" placeholder="e.g. ci-deploy" autoComplete="off" aria-invalid={!!errors.name} aria-describedby={errors.name ? 'token-name-error' : undefined} />
          <FieldError id="token-name-error" message={errors.name} />
        </div>
        <fieldset className="flex flex-col gap-1.5" aria-describedby={scopesError ? 'token-scopes-error' : undefined}>
          <legend className="mb-1.5 text-sm font-medium leading-none">Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.value === 'read'} className="size-4 accent-primary" />
              <span className="font-medium">{s.value}</span>
              <span className="text-xs text-muted-foreground">{s.hint}</span>
            </label>
          ))}
          <FieldError id="token-scopes-error" message={scopesError} />
        </fieldset>
        <div className="flex w-40 flex-col gap-1.5">
          <Label htmlFor="token-expiry">Expires in (days)</Label>
          <Input
            id="token-expiry"
            name="expiresInDays"
            type="number"
            min={1}
            max={3650}
            placeholder="never"
            aria-invalid={!!errors.expiresInDays}
            aria-describedby={errors.expiresInDays ? 'token-expiry-error' : 'token-expiry-hint'}
          />
          {errors.expiresInDays ? (
            <FieldError id="token-expiry-error" message={errors.expiresInDays} />
          ) : (
            <p id="token-expiry-hint" className="text-xs text-muted-foreground">
              Empty: never expires
            </p>
          )}
        </div>
        <Button type="submit" disabled={pending} className="mt-5">
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      {state.ok === false && !state.fieldErrors ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      {created ? <TokenSecret name={created.name} token={created.token} onDismiss={() => setHidden(created.id)} /> : null}
    </div>
  );
}
