'use server';

import { formInput, runAction, type ActionState } from '@/lib/api/action';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { deleteExperiment, restoreExperiment } from '@/lib/experiments/delete-experiment';
import { purgeExperimentAndArtifacts } from '@/lib/artifacts/purge-artifacts';
import type { ExperimentView, PurgeOutput } from '@/lib/experiments/schemas';
import { updateExperiment } from '@/lib/experiments/update-experiment';

const paths = (id?: string) => ['/experiments', ...(id ? [`/experiments/${id}`] : [])];

export async function createExperimentAction(_prev: ActionState<ExperimentView>, form: FormData): Promise<ActionState<ExperimentView>> {
  return runAction((actor) => createExperiment(actor, formInput(form)), { revalidate: paths() });
}

export async function updateExperimentAction(id: string, _prev: ActionState<ExperimentView>, form: FormData): Promise<ActionState<ExperimentView>> {
  return runAction((actor) => updateExperiment(actor, { description: null, ...formInput<object>(form), id }), { revalidate: paths(id) });
}

export async function deleteExperimentAction(id: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => deleteExperiment(actor, { id }), { revalidate: paths(id) });
}

export async function restoreExperimentAction(id: string, _prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction((actor) => restoreExperiment(actor, { id }), { revalidate: paths(id) });
}

export async function purgeExperimentAction(id: string, _prev: ActionState<PurgeOutput>, _form: FormData): Promise<ActionState<PurgeOutput>> {
  return runAction((actor) => purgeExperimentAndArtifacts(actor, { id }), { revalidate: paths(id) });
}
