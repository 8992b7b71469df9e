'use client';

import { Lock } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FieldError, Input, Label, Select } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import type { AliasView } from '@/lib/registry/schemas';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface AliasActions {
  /** Bound per alias: delete (EDIT), protect / unprotect (MANAGE). */
  remove?: Action;
  protect?: Action;
  unprotect?: Action;
}

interface Props {
  modelHref: string;
  aliases: AliasView[];
  /** Per alias, what the viewer may do with it. */
  actions: Record<string, AliasActions>;
  /** Present for those who may set aliases (EDIT on the model): set or move, or request the move of a protected alias. */
  set?: Action;
  /** Version numbers that can be pointed at, newest first. */
  versions: number[];
}

/** The model's aliases, each with the version it points at; protected ones move only through a request. */
export function AliasesCard({ modelHref, aliases, actions, set, versions }: Props) {
  return (
    <Card role="region" aria-labelledby="aliases-heading">
      <CardHeader>
        <CardTitle id="aliases-heading" className="text-sm">
          Aliases
        </CardTitle>
        <CardDescription className="text-xs">
          Names clients load by (<code className="font-mono">models:/name@champion</code>). A protected alias moves only through an approved request.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {aliases.length ? (
          <ul className="flex flex-col divide-y text-sm" aria-label="Aliases">
            {aliases.map((a) => (
              <AliasRow key={a.alias} a={a} modelHref={modelHref} actions={actions[a.alias] ?? {}} />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">No aliases yet.</p>
        )}
        {set ? versions.length ? <SetAliasForm action={set} versions={versions} aliases={aliases} /> : <p className="text-xs text-muted-foreground">Register a version to point an alias at it.</p> : null}
      </CardContent>
    </Card>
  );
}

function AliasRow({ a, modelHref, actions }: { a: AliasView; modelHref: string; actions: AliasActions }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-1.5" data-testid="alias-row">
      <span className="flex items-center gap-1.5">
        <span className="font-mono font-medium">@{a.alias}</span>
        <span aria-hidden className="text-muted-foreground">→</span>
        {a.version !== null ? (
          <Link className="font-mono underline-offset-4 hover:underline" href={`${modelHref}/versions/${a.version}`}>
            v{a.version}
          </Link>
        ) : (
          <span className="text-xs text-muted-foreground">not set</span>
        )}
        {a.protected ? (
          <Badge variant="warning" className="gap-0.5">
            <Lock className="size-3" aria-hidden />
            protected
          </Badge>
        ) : null}
      </span>
      <span className="flex items-center gap-0.5">
        {a.protected && actions.unprotect ? (
          <ConfirmAction
            action={actions.unprotect}
            label="Unprotect"
            ariaLabel={`Unprotect @${a.alias}`}
            title={`Lift the protection of @${a.alias}?`}
            description="Anyone with EDIT on the model can then move it at once, without approval."
            confirmLabel="Unprotect"
          />
        ) : null}
        {!a.protected && actions.protect ? (
          <ConfirmAction
            action={actions.protect}
            label="Protect"
            ariaLabel={`Protect @${a.alias}`}
            title={`Protect @${a.alias}?`}
            description="From now on it moves only through a request that approvers sign off, under the policy for alias moves."
            confirmLabel="Protect"
          />
        ) : null}
        {a.version !== null && actions.remove ? (
          <ConfirmAction
            action={actions.remove}
            label="Delete"
            ariaLabel={`Delete @${a.alias}`}
            title={`Delete @${a.alias}?`}
            description={`Clients loading models:/…@${a.alias} will fail until it is set again.${a.protected ? ' A protected alias can be deleted only when its policy asks for no approval; otherwise unprotect it first.' : ''}`}
            confirmLabel="Delete alias"
            destructive
          />
        ) : null}
      </span>
    </li>
  );
}

function SetAliasForm({ action, versions, aliases }: { action: Action; versions: number[]; aliases: AliasView[] }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  const requested = (state.data as { requested?: boolean; applied?: boolean } | undefined)?.requested && !(state.data as { applied?: boolean }).applied;
  return (
    <form {...formProps} aria-label="Set an alias" className="flex flex-col gap-2 border-t pt-3">
      <p className="text-xs font-medium">Set or move an alias</p>
      <div className="flex flex-wrap items-start gap-2">
        <div className="flex w-36 flex-col gap-1">
          <Label htmlFor="alias-name" className="text-xs">
            Alias
          </Label>
          <Input id="alias-name" name="alias" list="alias-names" autoComplete="off" placeholder="champion" className="h-8" aria-invalid={!!errors.alias} aria-describedby={errors.alias ? 'alias-name-error' : undefined} />
          <datalist id="alias-names">
            {aliases.map((a) => (
              <option key={a.alias} value={a.alias} />
            ))}
          </datalist>
          <FieldError id="alias-name-error" message={errors.alias} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="alias-version" className="text-xs">
            Version
          </Label>
          <Select id="alias-version" name="version" defaultValue={String(versions[0])} className="h-8 w-24" aria-invalid={!!errors.version}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </Select>
          <FieldError id="alias-version-error" message={errors.version} />
        </div>
        <div className="flex min-w-32 flex-1 flex-col gap-1">
          <Label htmlFor="alias-comment" className="text-xs">
            Comment <span className="font-normal text-muted-foreground">(if protected)</span>
          </Label>
          <Input id="alias-comment" name="comment" autoComplete="off" placeholder="Why move it?" className="h-8" />
        </div>
        <Button type="submit" size="sm" variant="secondary" className="mt-5" disabled={pending}>
          {pending ? 'Setting…' : 'Set alias'}
        </Button>
      </div>
      <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
        {state.ok !== null && !state.fieldErrors ? state.message : ''}
        {requested ? (
          <>
            {' '}
            <Link href="/sign-offs" className="font-medium underline underline-offset-4">
              Open Sign-offs
            </Link>
          </>
        ) : null}
      </p>
    </form>
  );
}
