import { FieldError, Input, Label } from '@/components/ui/input';
import { cn } from '@/lib/utils';

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  /** Unique on the page: the input's id, and `${id}-error` for its error text. */
  id: string;
  label: string;
  error?: string;
  hint?: string;
}

/** A labelled input with its error under it, linked by aria-describedby (next-learn's form pattern). */
export function Field({ id, label, error, hint, className, ...props }: FieldProps) {
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      <Label htmlFor={id} className="text-xs">
        {label}
      </Label>
      <Input id={id} autoComplete="off" className="h-8" aria-invalid={!!error} aria-describedby={described} {...props} />
      {hint ? (
        <p id={`${id}-hint`} className="text-[11px] text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A refusal that belongs to no single field (rights, a deleted run), or the success note. */
export function FormStatus({ state, id }: { state: { ok: boolean | null; message?: string; fieldErrors?: Record<string, string> }; id?: string }) {
  if (state.ok === true && state.message) {
    return (
      <p id={id} role="status" className="text-xs text-success">
        {state.message}
      </p>
    );
  }
  if (state.ok === false && !state.fieldErrors) {
    return (
      <p id={id} role="alert" className="text-xs text-destructive">
        {state.message}
      </p>
    );
  }
  return null;
}
