'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface Props {
  action: Action;
  version: number;
  /** The model's aliases: where each points now and whether it is protected. */
  aliases: { alias: string; version: number | null; protected: boolean }[];
}

/**
 * "Set alias to this version". An unprotected alias moves at once; a protected one (or one the server says
 * is protected) becomes a request of kind alias, with a comment, that waits in Sign-offs.
 */
export function VersionAliasForm({ action, version, aliases }: Props) {
  const { state, pending, formProps } = useActionForm(action);
  const [alias, setAlias] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  // When the server answers alias_protected (the alias became protected since the page loaded), remember
  // which alias it was, so the form turns into a request for that alias.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok === false && state.code === 'alias_protected') setRefused(alias.trim());
  }
  const known = aliases.find((a) => a.alias === alias.trim());
  const request = known?.protected === true || (refused !== null && refused === alias.trim());
  const refusedNow = state.ok === false && state.code === 'alias_protected';
  const result = state.data as { applied?: boolean; version?: number; alias?: string } | undefined;
  const errors = state.fieldErrors ?? {};
  const aliasError = errors.alias ?? errors.target;
  return (
    <form
      {...formProps}
      onReset={() => {
        setAlias('');
        setRefused(null);
      }}
      aria-label="Set alias"
      className="flex flex-col gap-2"
    >
      <input type="hidden" name="mode" value={request ? 'request' : 'set'} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="alias-name" className="text-xs">
          Alias
        </Label>
        <Input
          id="alias-name"
          name="alias"
          list="alias-suggestions"
          autoComplete="off"
          placeholder="champion"
          className="font-mono"
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          aria-invalid={!!aliasError}
          aria-describedby={[aliasError ? 'alias-name-error' : '', 'alias-name-hint'].filter(Boolean).join(' ')}
        />
        <datalist id="alias-suggestions">
          {aliases.map((a) => (
            <option key={a.alias} value={a.alias}>
              {a.version === null ? 'not set' : `now v${a.version}`}
              {a.protected ? ' · protected' : ''}
            </option>
          ))}
        </datalist>
        <FieldError id="alias-name-error" message={aliasError} />
        <p id="alias-name-hint" className="text-xs text-muted-foreground">
          {known
            ? known.version === version
              ? `@${known.alias} already points at v${version}.`
              : `@${known.alias} ${known.version === null ? 'is not set yet' : `points at v${known.version} now`}${known.protected ? '; it is protected, so moving it needs an approver.' : '.'}`
            : request
              ? 'This alias is protected, so moving it needs an approver.'
              : 'A new or unprotected alias moves at once.'}
        </p>
      </div>
      {request ? (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="alias-comment" className="text-xs">
            Comment <span className="font-normal text-muted-foreground">(for the approver)</span>
          </Label>
          <Input id="alias-comment" name="comment" autoComplete="off" placeholder="Why this version should hold the alias" />
        </div>
      ) : null}
      <div className="flex items-center justify-end gap-3">
        <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
          {state.ok === false && !state.fieldErrors ? (refusedNow ? 'That alias is protected: ask for the move instead.' : state.message) : ''}
          {state.ok
            ? result?.applied === false
              ? 'Requested; the alias move waits for an approver in Sign-offs.'
              : result?.applied === true
                ? 'Applied: alias moves need no approval for this model.'
                : `@${result?.alias} now points at v${result?.version}.`
            : ''}
        </p>
        <Button type="submit" size="sm" variant={request ? 'default' : 'outline'} disabled={pending || alias.trim() === ''}>
          {pending ? 'Saving…' : request ? 'Request alias move' : 'Set alias'}
        </Button>
      </div>
    </form>
  );
}
