import { MODEL_STAGES, type ModelStage } from '@/db/schema/registry';
import { ValidationError } from '@/lib/errors';

/*
 * Reading the registry's MLflow requests: stage names as MLflow accepts them (any case), and the few
 * search filters the registry services can answer with MLflow's meaning. Anything else is refused with
 * INVALID_PARAMETER_VALUE rather than answered wrongly.
 */

function unsupported(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid value for parameter '${field}': ${message}`, [{ path: field, message }]);
}

/** `production`, `PRODUCTION`, `Production` → `Production`, as MLflow's get_canonical_stage does. */
export function canonicalStage(value: string, field = 'stage'): ModelStage {
  const found = MODEL_STAGES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw unsupported(field, `must be one of ${MODEL_STAGES.join(', ')}`);
  return found;
}

const CLAUSE = /^\s*(?:attributes?\.)?(\w+)\s*(=|LIKE|ILIKE)\s*(['"])(.*)\3\s*$/i;

function clauses(filter: string): { key: string; op: string; value: string }[] {
  return filter
    .split(/\s+AND\s+/i)
    .map((part) => CLAUSE.exec(part))
    .map((m) => {
      if (!m) throw unsupported('filter', "only clauses like name = 'm', name LIKE '%m%' or run_id = '…' joined by AND are supported");
      return { key: m[1].toLowerCase(), op: m[2].toUpperCase(), value: m[4] };
    });
}

/**
 * search_registered_models filters: `name = 'x'` (exact) or `name LIKE/ILIKE '%x%'` (substring; the
 * registry matches it case-insensitively). A pattern without `%` is read as a substring too, as
 * model_registry.proto documents; `_` is taken literally (model names often hold one), not as a wildcard.
 */
export function registeredModelFilter(filter: string | undefined): { q?: string; exact?: string } {
  if (!filter?.trim()) return {};
  const [c, ...rest] = clauses(filter);
  if (rest.length || c.key !== 'name') throw unsupported('filter', 'registered models can be filtered by name only');
  if (c.op === '=') return { q: c.value, exact: c.value };
  const m = /^%?([^%]*)%?$/.exec(c.value);
  if (!m) throw unsupported('filter', "only a substring pattern such as '%text%' is supported");
  return m[1] ? { q: m[1] } : {};
}

/** search_model_versions filters: `name = 'm'`, `run_id = '…'`, `current_stage = 'Production'`, joined by AND. */
export function modelVersionFilter(filter: string | undefined): { name?: string; runId?: string; stage?: ModelStage } {
  if (!filter?.trim()) return {};
  const out: { name?: string; runId?: string; stage?: ModelStage } = {};
  for (const c of clauses(filter)) {
    if (c.op !== '=') throw unsupported('filter', 'model versions can be filtered with = only');
    if (c.key === 'name') out.name = c.value;
    else if (c.key === 'run_id') out.runId = c.value;
    else if (c.key === 'current_stage') out.stage = canonicalStage(c.value, 'filter');
    else throw unsupported('filter', `model versions cannot be filtered by '${c.key}'; use name, run_id or current_stage`);
  }
  return out;
}

/** The registry pages in one fixed order; an order_by other than that one (`allowed`) is refused. */
export function refuseOrderBy(orderBy: string[], what: string, allowed?: RegExp): void {
  if (orderBy.some((o) => !allowed?.test(o.trim()))) throw unsupported('order_by', `${what} are returned in a fixed order; other orders are not supported`);
}
