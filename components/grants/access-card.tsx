'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DateTime } from '@/components/ui/date-time';
import { FieldError, Input, Label, Select } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import type { GrantLevel, GrantsView, GrantView } from '@/lib/grants/schemas';

const GRANT_LEVELS: readonly GrantLevel[] = ['READ', 'EDIT', 'MANAGE'];

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export const LEVEL_MEANING: Record<GrantLevel, string> = {
  READ: 'read only',
  EDIT: 'edit',
  MANAGE: 'edit, delete, manage access',
};

interface Props {
  view: GrantsView;
  /** 'model' or 'experiment', for the sentences. */
  noun: string;
  /** Present when the viewer may manage access: upsert by email and level. */
  grant?: Action;
  /** One bound revoke per grantee, by user id. */
  revokes?: Record<string, Action>;
  /** Rendered without its own card frame (inside a dialog). */
  bare?: boolean;
}

function person(u: { email: string | null; name: string | null } | null): string {
  if (!u) return 'a deleted user';
  return u.email ?? u.name ?? 'a deleted user';
}

/** Owner and per-user grants of a model or experiment; add, change and revoke for those who may manage. */
export function AccessCard({ view, noun, grant, revokes, bare = false }: Props) {
  const manage = !!grant && view.mayManage;
  const body = (
    <div className="flex flex-col gap-3">
      <p className="text-sm">
        Owner: <span className="font-medium">{view.owner ? person(view.owner) : 'nobody (rights come from roles alone)'}</span>
        {view.owner ? <span className="text-muted-foreground"> · MANAGE</span> : null}
      </p>
      {view.grants.length ? (
        <Table aria-label="Grants">
          <TableHeader>
            <TableRow>
              <TableHead>User</TableHead>
              <TableHead>Level</TableHead>
              <TableHead>Granted</TableHead>
              {manage ? <TableHead className="text-right">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.grants.map((g) => (
              <GrantRow key={g.id} g={g} grant={manage ? grant : undefined} revoke={manage ? revokes?.[g.user.id] : undefined} noun={noun} />
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="text-sm text-muted-foreground">No one else has a grant on this {noun}.</p>
      )}
      {manage ? (
        <AddGrantForm action={grant!} />
      ) : (
        <p className="text-xs text-muted-foreground">
          {view.yourLevel ? `You hold ${view.yourLevel} here. ` : ''}The owner, holders of MANAGE and admins change who has access.
        </p>
      )}
      <p className="text-xs text-muted-foreground">Roles come first: a grant gives a viewer, approver or auditor no more than reading.</p>
    </div>
  );
  if (bare) return body;
  return (
    <Card role="region" aria-labelledby="access-heading">
      <CardHeader>
        <CardTitle id="access-heading" className="text-sm">
          Access
        </CardTitle>
        <CardDescription className="text-xs">Who besides their role may read, edit or manage this {noun}.</CardDescription>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}

function GrantRow({ g, grant, revoke, noun }: { g: GrantView; grant?: Action; revoke?: Action; noun: string }) {
  const email = person(g.user);
  return (
    <TableRow data-testid="grant-row">
      <TableCell className="text-xs">
        <span className="break-all font-medium">{email}</span>
        <span className="ml-1 text-muted-foreground">({g.user.role})</span>
        {g.user.disabled ? (
          <Badge variant="secondary" className="ml-1">
            disabled
          </Badge>
        ) : null}
      </TableCell>
      <TableCell className="text-xs">
        {grant ? <LevelForm key={`${g.id}-${g.level}`} email={g.user.email ?? ''} level={g.level} action={grant} /> : <span className="font-medium">{g.level}</span>}
        {g.effectiveLevel !== g.level ? (
          <p className="mt-0.5 text-[11px] text-muted-foreground" title="Roles are checked before grants">
            acts as {g.effectiveLevel} ({g.user.role} role)
          </p>
        ) : null}
      </TableCell>
      <TableCell className="text-xs text-muted-foreground">
        {g.grantedBy ? person(g.grantedBy) : 'system'}
        <br />
        <DateTime value={g.grantedAt} />
      </TableCell>
      {grant ? (
        <TableCell className="text-right">
          {revoke ? (
            <ConfirmAction
              action={revoke}
              label="Revoke"
              ariaLabel={`Revoke access of ${email}`}
              title={`Revoke ${email}’s ${g.level} grant?`}
              description={`From their next request on, ${email} has only what their ${g.user.role} role gives on this ${noun}.`}
              confirmLabel="Revoke"
              destructive
            />
          ) : null}
        </TableCell>
      ) : null}
    </TableRow>
  );
}

function LevelForm({ email, level, action }: { email: string; level: GrantLevel; action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  const [value, setValue] = useState<GrantLevel>(level);
  const id = `grant-level-${email.replace(/[^\w-]/g, '_')}`;
  return (
    <form {...formProps} aria-label={`Change level of ${email}`} className="flex flex-col gap-1">
      <input type="hidden" name="email" value={email} />
      <div className="flex items-center gap-1">
        <Label htmlFor={id} className="sr-only">
          Level of {email}
        </Label>
        <Select id={id} name="level" value={value} onChange={(e) => setValue(e.target.value as GrantLevel)} className="h-7 w-28 text-xs">
          {GRANT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </Select>
        {value !== level ? (
          <Button type="submit" size="sm" variant="secondary" className="h-7" disabled={pending}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
        ) : null}
      </div>
      {state.ok === false ? (
        <p role="alert" className="text-[11px] text-destructive">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

function AddGrantForm({ action }: { action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Add a grant" className="flex flex-col gap-2 border-t pt-3">
      <div className="flex flex-wrap items-start gap-2">
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <Label htmlFor="grant-email" className="text-xs">
            User email
          </Label>
          <Input id="grant-email" name="email" type="email" autoComplete="off" placeholder="colleague@example.com" className="h-8" aria-invalid={!!errors.email} aria-describedby={errors.email ? 'grant-email-error' : undefined} />
          <FieldError id="grant-email-error" message={errors.email} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="grant-level" className="text-xs">
            Level
          </Label>
          <Select id="grant-level" name="level" defaultValue="EDIT" className="h-8 w-60 text-xs" aria-invalid={!!errors.level}>
            {GRANT_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} — {LEVEL_MEANING[l]}
              </option>
            ))}
          </Select>
          <FieldError id="grant-level-error" message={errors.level} />
        </div>
        <Button type="submit" size="sm" className="mt-5" disabled={pending}>
          {pending ? 'Granting…' : 'Grant'}
        </Button>
      </div>
      <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
        {state.ok !== null && !state.fieldErrors ? state.message : ''}
      </p>
    </form>
  );
}
