import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/authorize';
import type { RunView } from '@/lib/experiments/schemas';

export interface RunRights {
  /** Tags, description, name: any time while the run is not in the trash. */
  edit: boolean;
  /** Params and metrics, and ending the run: only while it is running. */
  log: boolean;
  /** Why logging is not offered, said where the forms would be. */
  logReason: string | null;
  editReason: string | null;
}

/**
 * What the page offers, by role (the same table the services enforce). Grants on the experiment are
 * checked by the service at submit time; its refusal shows in the form.
 */
export function runRights(actor: Pick<Actor, 'role' | 'kind' | 'scopes'>, run: Pick<RunView, 'status' | 'lifecycleStage'>): RunRights {
  const role = can(actor, 'run.update');
  const active = run.lifecycleStage === 'active';
  const editReason = !role ? `Your role (${actor.role}) can read runs; changing them needs the scientist or admin role.` : !active ? 'This run is in the trash; restore it to change it.' : null;
  const logReason = editReason ?? (run.status === 'RUNNING' ? null : `This run is ${run.status.toLowerCase()}; params and metrics are logged while a run is running.`);
  return { edit: editReason === null, log: logReason === null, logReason, editReason };
}
