'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import type { ActionState } from '@/lib/api/action';

/** Per-row role change: pick, then save. A refusal (e.g. last_admin) is shown under the control. */
export function RoleForm({ action, email, role, roles }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; email: string; role: string; roles: readonly string[] }) {
  const [state, dispatch, pending] = useActionState(action, { ok: null });
  const [value, setValue] = useState(role);
  const errorId = `role-error-${email}`;
  return (
    <form action={dispatch} className="flex flex-col gap-1">
      <div className="flex items-center gap-1.5">
        <Select
          name="role"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label={`Role of ${email}`}
          aria-invalid={state.ok === false}
          aria-describedby={state.ok === false ? errorId : undefined}
          className="h-8 w-32"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
        <Button type="submit" size="sm" variant="outline" disabled={pending || value === role} aria-label={`Save role of ${email}`}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
        {state.ok === true && !pending && value === role ? (
          <span role="status" className="text-xs text-success">
            Saved
          </span>
        ) : null}
      </div>
      {state.ok === false ? (
        <p id={errorId} role="alert" className="max-w-64 text-xs text-destructive">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
