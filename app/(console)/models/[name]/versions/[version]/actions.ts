'use server';

import { formInput, formToObject, runAction, type ActionState } from '@/lib/api/action';
import { requestTransition } from '@/lib/registry/request-transition';
import { MODEL_CARD_FIELDS, type VersionView } from '@/lib/registry/schemas';
import { updateVersion } from '@/lib/registry/update-version';

const paths = (name: string, version: number) => ['/models', `/models/${encodeURIComponent(name)}`, `/models/${encodeURIComponent(name)}/versions/${version}`, '/sign-offs'];

/** The whole card is submitted: an emptied field clears it; owners are one per line or comma-separated. */
export async function updateCardAction(name: string, version: number, _prev: ActionState<VersionView>, form: FormData): Promise<ActionState<VersionView>> {
  const given = formToObject(form);
  const card = Object.fromEntries(MODEL_CARD_FIELDS.filter((f) => f !== 'owners').map((f) => [f, typeof given[f] === 'string' ? given[f] : null]));
  const owners = typeof given.owners === 'string' ? given.owners.split(/[\n,]/).map((o) => o.trim()).filter(Boolean) : [];
  return runAction((actor) => updateVersion(actor, { ...card, owners, name, version }), { revalidate: paths(name, version), message: 'Model card saved.' });
}

export async function requestTransitionAction(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => requestTransition(actor, formInput(form, { name, version, kind: 'stage' })), { revalidate: paths(name, version) });
}
