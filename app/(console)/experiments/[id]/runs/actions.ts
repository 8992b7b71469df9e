'use server';

import { redirect } from 'next/navigation';
import { formInput, runAction, type ActionState } from '@/lib/api/action';
import { createRun } from '@/lib/experiments/create-run';
import { logMetric } from '@/lib/experiments/log-metric';
import { logParam } from '@/lib/experiments/log-param';
import { deleteRunTag, setRunTag } from '@/lib/experiments/run-tags';
import { updateRun } from '@/lib/experiments/update-run';

/** A run is bound as (experimentId, runId); both pages that show it are revalidated. */
interface RunRef {
  experimentId: string;
  runId: string;
}

const paths = ({ experimentId, runId }: RunRef) => [`/experiments/${experimentId}/runs/${runId}`, `/experiments/${experimentId}`];

/** Form fields are text; a numeric step goes to the service as a number, anything else as typed so it can name the error. */
const numberOrText = (v: FormDataEntryValue | null) => (typeof v !== 'string' || v.trim() === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v);

export async function createRunAction(experimentId: string, _prev: ActionState<{ id: string }>, form: FormData): Promise<ActionState<{ id: string }>> {
  const state = await runAction((actor) => createRun(actor, formInput(form, { experimentId })), { revalidate: [`/experiments/${experimentId}`] });
  if (state.ok && state.data) redirect(`/experiments/${experimentId}/runs/${state.data.id}`);
  return state;
}

export async function logParamAction(ref: RunRef, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => logParam(actor, formInput(form, { value: form.get('value') ?? '', id: ref.runId })), { revalidate: paths(ref), message: 'Param logged' });
}

export async function logMetricAction(ref: RunRef, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => logMetric(actor, formInput(form, { id: ref.runId, step: numberOrText(form.get('step')) })), { revalidate: paths(ref), message: 'Metric logged' });
}

export async function setTagAction(ref: RunRef, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => setRunTag(actor, formInput(form, { value: form.get('value') ?? '', id: ref.runId })), { revalidate: paths(ref), message: 'Tag saved' });
}

export async function deleteTagAction(ref: RunRef, key: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => deleteRunTag(actor, { id: ref.runId, key }), { revalidate: paths(ref) });
}

/** Rename, edit the description, or end the run: whichever fields the form sends. */
export async function updateRunAction(ref: RunRef, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => updateRun(actor, formInput(form, { id: ref.runId })), { revalidate: paths(ref), message: 'Saved' });
}

export async function updateDescriptionAction(ref: RunRef, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => updateRun(actor, { id: ref.runId, description: String(form.get('description') ?? '').trim() || null }), { revalidate: paths(ref), message: 'Description saved' });
}
