'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FieldError, Input, Label, Select } from '@/components/ui/input';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/api/action';
import type { PolicyView } from '@/lib/registry/schemas';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Rule = PolicyView['rules'][number];

/** The targets a request can need approvals for, as the page shows them. */
const SHOWN = [
  { target: 'Staging', field: 'staging', label: 'Staging' },
  { target: 'Production', field: 'production', label: 'Production' },
  { target: 'alias', field: 'alias', label: 'Protected aliases' },
] as const;

const SOURCE_LABEL: Record<Rule['source'], string> = { model: 'this model', default: 'default', 'built-in': 'built-in' };

function approvals(n: number): string {
  return n === 0 ? 'applied at once' : `${n} approval${n === 1 ? '' : 's'}`;
}

/**
 * How many approvals each target needs for this model and where each rule comes from (the model's own
 * rule, the default for all models, or the built-in one). Compliance gates are shown read-only when set;
 * governance sets them. Those with registry_policy.update get an edit form (this model or the default) and,
 * when the model has rules of its own, "Use the default", which drops them.
 */
export function PolicyCard({ rules, action, reset }: { rules: Rule[]; action?: Action; reset?: Action }) {
  const byTarget = new Map(rules.map((r) => [r.target, r]));
  const gated = rules.filter((r) => r.minComplianceScore !== null || r.gates.length > 0);
  const own = rules.filter((r) => r.source === 'model');
  return (
    <Card role="region" aria-labelledby="policy-heading">
      <CardHeader>
        <CardTitle id="policy-heading" className="text-sm">
          Approval policy
        </CardTitle>
        <CardDescription className="text-xs">Approvals a request needs before it applies; 0 means it is applied at once. The requester never counts.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1.5 text-sm" data-testid="policy-rules">
          {SHOWN.map(({ target, label }) => {
            const rule = byTarget.get(target);
            if (!rule) return null;
            return (
              <div key={target} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="flex items-center justify-end gap-1.5" data-testid={`policy-${target}`}>
                  <span className="font-medium tabular-nums">{approvals(rule.requiredApprovals)}</span>
                  <Badge variant={rule.source === 'model' ? 'default' : 'outline'} className="font-normal">
                    {SOURCE_LABEL[rule.source]}
                  </Badge>
                </dd>
              </div>
            );
          })}
        </dl>
        {gated.length ? (
          <div className="rounded-md border bg-muted/40 px-3 py-2 text-xs" aria-label="Compliance gates">
            <p className="mb-1 font-medium">Compliance gates (set by governance)</p>
            <ul className="flex flex-col gap-0.5">
              {gated.map((r) => (
                <li key={r.target}>
                  {r.target}: {r.minComplianceScore !== null ? `score ≥ ${r.minComplianceScore}` : null}
                  {r.minComplianceScore !== null && r.gates.length ? '; ' : null}
                  {r.gates.length ? `${r.gates.length} gate${r.gates.length === 1 ? '' : 's'}` : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {reset && own.length ? (
          <div className="flex items-center justify-between gap-2 border-t pt-2">
            <p className="text-xs text-muted-foreground">
              This model has its own rule{own.length === 1 ? '' : 's'} ({own.map((r) => (r.target === 'alias' ? 'aliases' : r.target)).join(', ')}).
            </p>
            <ConfirmAction
              action={reset}
              label="Use the default"
              title="Use the default policy?"
              description="This model’s own approval rules are dropped; the default policy (or the built-in one) applies to its requests again, including those already pending."
              confirmLabel="Use the default"
            />
          </div>
        ) : null}
        {action ? <PolicyForm rules={byTarget} action={action} /> : null}
      </CardContent>
    </Card>
  );
}

function PolicyForm({ rules, action }: { rules: Map<string, Rule>; action: Action }) {
  const { state, pending, formProps } = useActionForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <details className="group border-t pt-2">
      <summary className="cursor-pointer text-xs font-medium text-primary select-none">Edit policy</summary>
      <form {...formProps} aria-label="Edit approval policy" className="mt-2 flex flex-col gap-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="policy-scope" className="text-xs">
            Applies to
          </Label>
          <Select id="policy-scope" name="scope" defaultValue="model" className="h-8 text-xs">
            <option value="model">This model only</option>
            <option value="default">Default for every model without its own rule</option>
          </Select>
        </div>
        <div className="grid grid-cols-3 gap-2">
          {SHOWN.map(({ target, field, label }) => {
            const current = rules.get(target)?.requiredApprovals ?? 0;
            return (
              <div key={field} className="flex flex-col gap-1">
                <Label htmlFor={`policy-${field}`} className="text-xs">
                  {label === 'Protected aliases' ? 'Alias' : label}
                </Label>
                <Input id={`policy-${field}`} name={field} type="number" min={0} max={10} step={1} defaultValue={current} className="h-8" aria-invalid={!!errors[field]} aria-describedby={errors[field] ? `policy-${field}-error` : undefined} />
                <input type="hidden" name={`current-${field}`} value={current} />
                <FieldError id={`policy-${field}-error`} message={errors[field]} />
              </div>
            );
          })}
        </div>
        <p className="text-[11px] text-muted-foreground">With the default scope, the current numbers above are this model’s; only changed fields are saved.</p>
        <div className="flex items-center justify-between gap-2">
          <p role="status" className={state.ok === false ? 'text-xs text-destructive' : 'text-xs text-success'}>
            {state.ok !== null && !state.fieldErrors ? state.message : ''}
          </p>
          <Button type="submit" size="sm" variant="outline" disabled={pending}>
            {pending ? 'Saving…' : 'Save policy'}
          </Button>
        </div>
      </form>
    </details>
  );
}
