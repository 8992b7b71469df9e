'use server';

import { formInput, formToObject, runAction, type ActionState } from '@/lib/api/action';
import { cancelTransition } from '@/lib/registry/cancel-transition';
import { requestTransition } from '@/lib/registry/request-transition';
import { MODEL_CARD_FIELDS, type VersionView } from '@/lib/registry/schemas';
import { setAlias } from '@/lib/registry/set-alias';
import { deleteVersionTag, setVersionTag, updateVersion } from '@/lib/registry/update-version';

const paths = (name: string, version: number) => ['/models', `/models/${encodeURIComponent(name)}`, `/models/${encodeURIComponent(name)}/versions/${version}`, '/sign-offs'];

/** The whole card is submitted: an emptied field clears it; owners are one per line or comma-separated. */
export async function updateCardAction(name: string, version: number, _prev: ActionState<VersionView>, form: FormData): Promise<ActionState<VersionView>> {
  const given = formToObject(form);
  const card = Object.fromEntries(MODEL_CARD_FIELDS.filter((f) => f !== 'owners').map((f) => [f, typeof given[f] === 'string' ? given[f] : null]));
  const owners = typeof given.owners === 'string' ? given.owners.split(/[\n,]/).map((o) => o.trim()).filter(Boolean) : [];
  return runAction((actor) => updateVersion(actor, { ...card, owners, name, version }), { revalidate: paths(name, version), message: 'Model card saved.' });
}

/** An emptied description clears it. */
export async function updateDescriptionAction(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  const description = form.get('description');
  const text = typeof description === 'string' && description.trim() !== '' ? description : null;
  return runAction((actor) => updateVersion(actor, { name, version, description: text }), { revalidate: paths(name, version), message: 'Description saved.' });
}

/** Adds a tag, or gives an existing key a new value. */
export async function setTagAction(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  // An empty value is a value (MLflow allows it), so it is read as given rather than dropped like other blanks.
  const value = form.get('value');
  return runAction((actor) => setVersionTag(actor, formInput(form, { name, version, value: typeof value === 'string' ? value : '' })), { revalidate: paths(name, version), message: 'Tag saved.' });
}

export async function deleteTagAction(name: string, version: number, key: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => deleteVersionTag(actor, { name, version, key }), { revalidate: paths(name, version), message: 'Tag deleted.' });
}

/**
 * Points an alias at this version. `mode=request` asks for the move instead (kind `alias`), which is how a
 * protected alias moves: it then waits in Sign-offs unless the policy needs no approval.
 */
export async function aliasAction(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { mode, alias, comment } = formToObject(form);
  if (mode === 'request') {
    return runAction((actor) => requestTransition(actor, { name, version, kind: 'alias', target: alias as string, comment: comment as string | undefined }), { revalidate: paths(name, version) });
  }
  return runAction((actor) => setAlias(actor, { name, version, alias: alias as string }), { revalidate: paths(name, version) });
}

export async function requestTransitionAction(name: string, version: number, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => requestTransition(actor, formInput(form, { name, version, kind: 'stage' })), { revalidate: paths(name, version) });
}

export async function cancelRequestAction(name: string, version: number, id: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => cancelTransition(actor, { id }), { revalidate: paths(name, version), message: 'Request cancelled.' });
}
