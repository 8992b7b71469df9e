'use client';

import type { createUserAction } from '@/app/(console)/admin/actions';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label, Select } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';

interface Field {
  name: 'email' | 'name' | 'password';
  label: string;
  type: string;
  autoComplete: string;
  placeholder?: string;
}

const FIELDS: Field[] = [
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'off', placeholder: 'name@company.com' },
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'off', placeholder: 'Ada Lovelace' },
  { name: 'password', label: 'Initial password', type: 'password', autoComplete: 'new-password', placeholder: 'at least 12 characters' },
];

/** The admin's form for a new account; errors from the service appear under the field they name. */
export function CreateUserForm({ action, roles }: { action: typeof createUserAction; roles: readonly string[] }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} aria-label="Create user" className="flex flex-col gap-3">
      <div className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-[1.3fr_1fr_10rem_1fr_auto]">
        {FIELDS.slice(0, 2).map((f) => (
          <TextField key={f.name} field={f} error={errors[f.name]} />
        ))}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="new-user-role">Role</Label>
          <Select id="new-user-role" name="role" defaultValue="viewer" aria-invalid={!!errors.role} aria-describedby={errors.role ? 'new-user-role-error' : undefined}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
          <FieldError id="new-user-role-error" message={errors.role} />
        </div>
        <TextField field={FIELDS[2]} error={errors.password} />
        <Button type="submit" disabled={pending} className="lg:mt-5">
          {pending ? 'Creating…' : 'Create user'}
        </Button>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm">
        {state.ok === true && state.data ? (
          <span className="text-success">
            Created {state.data.email} as {state.data.role}. Give them the initial password through a safe channel.
          </span>
        ) : state.ok === false && !state.fieldErrors ? (
          <span role="alert" className="text-destructive">
            {state.message}
          </span>
        ) : null}
      </p>
    </form>
  );
}

function TextField({ field, error }: { field: Field; error?: string }) {
  const id = `new-user-${field.name}`;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{field.label}</Label>
      <Input
        id={id}
        name={field.name}
        type={field.type}
        autoComplete={field.autoComplete}
        placeholder={field.placeholder}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
