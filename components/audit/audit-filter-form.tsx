import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/input';
import type { AuditFilterValues, FilterField } from './audit-url';

const FIELDS: { name: FilterField; label: string; placeholder?: string; type?: string }[] = [
  { name: 'actor', label: 'Actor email', placeholder: 'part of an email' },
  { name: 'action', label: 'Action', placeholder: 'user.create or user.' },
  { name: 'resourceType', label: 'Resource type', placeholder: 'user' },
  { name: 'resourceId', label: 'Resource id', placeholder: 'exact id' },
  { name: 'from', label: 'From (UTC)', type: 'datetime-local' },
  { name: 'to', label: 'To (UTC, exclusive)', type: 'datetime-local' },
];

export const FILTER_LABELS = Object.fromEntries(FIELDS.map((f) => [f.name, f.label])) as Record<FilterField, string>;

/**
 * A plain GET form: submitting it puts the filter in the URL and starts again at the newest page.
 * Works without JavaScript.
 */
export function AuditFilterForm({ values, errors }: { values: AuditFilterValues; errors: Partial<Record<FilterField, string>> }) {
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter audit events" className="mb-4 rounded-lg border bg-card p-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-[1fr_1fr_0.8fr_1fr_1.25fr_1.25fr]">
        {FIELDS.map((f) => {
          const errorId = `audit-${f.name}-error`;
          return (
            <div key={f.name} className="flex flex-col gap-1.5">
              <Label htmlFor={`audit-${f.name}`}>{f.label}</Label>
              <Input
                id={`audit-${f.name}`}
                name={f.name}
                type={f.type ?? 'text'}
                defaultValue={f.type === 'datetime-local' ? toLocalInput(values[f.name]) : values[f.name]}
                placeholder={f.placeholder}
                aria-invalid={errors[f.name] ? true : undefined}
                aria-describedby={errors[f.name] ? errorId : undefined}
                className="bg-background dark:[color-scheme:dark]"
              />
              <FieldError id={errorId} message={errors[f.name]} />
            </div>
          );
        })}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm">
          Apply filter
        </Button>
        <Button asChild variant="ghost" size="sm">
          <Link href="/audit">Clear</Link>
        </Button>
        <p className="text-xs text-muted-foreground">
          Times are UTC. Action takes an exact name or a prefix ending in “.” (e.g. <code className="font-mono">user.</code>); actor matches part of an email.
        </p>
      </div>
    </form>
  );
}

/** A datetime-local input only takes `YYYY-MM-DDTHH:mm[:ss]`; a value with a zone is shown in UTC, anything unreadable is left out (the error names it). */
function toLocalInput(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 19);
}
