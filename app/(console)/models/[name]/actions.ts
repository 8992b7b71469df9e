'use server';

import { formInput, formToObject, runAction, type ActionState } from '@/lib/api/action';
import { emailRefusalAsFieldError } from '@/lib/grants/form-state';
import { grantAccess } from '@/lib/grants/grant-access';
import { revokeGrant } from '@/lib/grants/revoke-grant';
import { isAppError } from '@/lib/errors';
import { deleteAlias } from '@/lib/registry/delete-alias';
import { emergencyRollback } from '@/lib/registry/emergency-rollback';
import { protectAlias, unprotectAlias } from '@/lib/registry/protect-alias';
import { resetRegistryPolicy, setRegistryPolicy } from '@/lib/registry/registry-policy';
import { requestRollback } from '@/lib/registry/request-rollback';
import { requestTransition } from '@/lib/registry/request-transition';
import { setAlias } from '@/lib/registry/set-alias';
import { deleteModelTag, setModelTag, updateModel } from '@/lib/registry/update-model';

const paths = (name: string) => ['/models', `/models/${encodeURIComponent(name)}`, '/sign-offs'];

export async function requestRollbackAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => requestRollback(actor, formInput(form, { name })), { revalidate: paths(name), message: 'Rollback requested; it waits for an approver in Sign-offs.' });
}

export async function emergencyRollbackAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => emergencyRollback(actor, formInput(form, { name })), { revalidate: paths(name), message: 'Production rolled back.' });
}

// ------------------------------------------------------------------ description and tags

export async function updateDescriptionAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const text = String(form.get('description') ?? '');
  return runAction((actor) => updateModel(actor, { name, description: text.trim() ? text : null }), { revalidate: paths(name), message: 'Description saved.' });
}

export async function setModelTagAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => setModelTag(actor, { name, key: String(form.get('key') ?? ''), value: String(form.get('value') ?? '') }), { revalidate: paths(name), message: 'Tag saved.' });
}

export async function deleteModelTagAction(name: string, key: string): Promise<ActionState> {
  return runAction((actor) => deleteModelTag(actor, { name, key }), { revalidate: paths(name), message: 'Tag deleted.' });
}

// ------------------------------------------------------------------ access

export async function grantModelAccessAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => grantAccess(actor, { ...formToObject(form), resourceType: 'registered_model', name } as Parameters<typeof grantAccess>[1]), { revalidate: paths(name) });
  if (!state.ok || !state.data) return emailRefusalAsFieldError(state);
  const { change, grant } = state.data;
  const who = grant?.user.email ?? 'The user';
  const message = change === 'unchanged' ? `${who} already holds ${grant?.level}.` : `${who} now holds ${grant?.level}${grant && grant.effectiveLevel !== grant.level ? ` (acts as ${grant.effectiveLevel}: ${grant.user.role} role)` : ''}.`;
  return { ok: true, message };
}

export async function revokeModelAccessAction(name: string, email: string): Promise<ActionState> {
  return runAction((actor) => revokeGrant(actor, { resourceType: 'registered_model', name, email }), { revalidate: paths(name), message: `Access of ${email} revoked.` });
}

// ------------------------------------------------------------------ approval policy

const POLICY_FIELDS = [
  ['Staging', 'staging'],
  ['Production', 'production'],
  ['alias', 'alias'],
] as const;

/**
 * Sets the required approvals of each target whose number changed (the form sends the current ones as
 * `current-<field>`), for this model or, with scope=default, for every model without its own rule.
 */
export async function setPolicyAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const scopeDefault = form.get('scope') === 'default';
  const changes = POLICY_FIELDS.filter(([, field]) => String(form.get(field) ?? '').trim() !== String(form.get(`current-${field}`) ?? '').trim());
  if (changes.length === 0) return { ok: false, message: 'Nothing changed: set a different number of approvals first.' };
  for (const [target, field] of changes) {
    const requiredApprovals = String(form.get(field) ?? '').trim() as unknown as number;
    const state = await runAction((actor) => setRegistryPolicy(actor, { ...(scopeDefault ? {} : { name }), target, requiredApprovals }), { revalidate: paths(name) });
    // The service names `requiredApprovals`; the form has one input per target.
    if (!state.ok) return state.fieldErrors?.requiredApprovals ? { ...state, fieldErrors: { [field]: state.fieldErrors.requiredApprovals } } : state;
  }
  return { ok: true, message: `${scopeDefault ? 'Default policy' : 'Policy of this model'} saved: ${changes.map(([t, f]) => `${t} ${String(form.get(f)).trim()}`).join(', ')}.` };
}

// ------------------------------------------------------------------ aliases

/**
 * Points an alias at a version. A protected alias is not moved: the same form then asks for the move as a
 * request of kind `alias`, which approvers sign off in Sign-offs (or which applies at once under a policy of 0).
 */
export async function setAliasAction(name: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const alias = String(form.get('alias') ?? '').trim();
  const version = String(form.get('version') ?? '').trim();
  const comment = String(form.get('comment') ?? '').trim();
  const state = await runAction(
    async (actor) => {
      try {
        await setAlias(actor, { name, alias, version: version as unknown as number });
        return { requested: false, applied: true };
      } catch (e) {
        if (!isAppError(e) || e.code !== 'alias_protected') throw e;
        const { applied } = await requestTransition(actor, { name, version: version as unknown as number, kind: 'alias', target: alias, ...(comment ? { comment } : {}) });
        return { requested: true, applied };
      }
    },
    { revalidate: paths(name) },
  );
  if (!state.ok || !state.data) return state;
  const { requested, applied } = state.data;
  const message = !requested
    ? `@${alias} now points at v${version}.`
    : applied
      ? `@${alias} is protected; its policy needs no approval, so it now points at v${version}.`
      : `@${alias} is protected: a request to point it at v${version} was created and waits for an approver in Sign-offs.`;
  return { ok: true, message, data: { requested, applied } };
}

export async function deleteAliasAction(name: string, alias: string): Promise<ActionState> {
  return runAction((actor) => deleteAlias(actor, { name, alias }), { revalidate: paths(name), message: `@${alias} removed.` });
}

export async function protectAliasAction(name: string, alias: string): Promise<ActionState> {
  return runAction((actor) => protectAlias(actor, { name, alias }), { revalidate: paths(name), message: `@${alias} is protected.` });
}

export async function unprotectAliasAction(name: string, alias: string): Promise<ActionState> {
  return runAction((actor) => unprotectAlias(actor, { name, alias }), { revalidate: paths(name), message: `@${alias} is no longer protected.` });
}

/** Drops this model's own approval rules, so the default policy applies to it again. */
export async function resetPolicyAction(name: string): Promise<ActionState> {
  return runAction((actor) => resetRegistryPolicy(actor, { name }), { revalidate: paths(name), message: 'This model now follows the default policy.' });
}
