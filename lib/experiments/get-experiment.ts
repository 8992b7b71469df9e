import 'server-only';
import { eq } from 'drizzle-orm';
import { experiments } from '@/db/schema/tracking';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadExperimentView } from './experiment-view';
import { ExperimentRef, GetExperimentByNameInput } from './schemas';

/** One experiment, active or deleted (MLflow's get_experiment returns both). */
export const getExperiment = defineService({
  name: 'experiments.get',
  permission: 'read',
  input: ExperimentRef,
  async run({ tx }, input) {
    return loadExperimentView(tx, input.id);
  },
});

/** By exact name; deleted experiments keep their name until purged, so they are found too. */
export const getExperimentByName = defineService({
  name: 'experiments.get_by_name',
  permission: 'read',
  input: GetExperimentByNameInput,
  async run({ tx }, input) {
    const [row] = await tx.select({ id: experiments.id }).from(experiments).where(eq(experiments.name, input.name));
    if (!row) throw new NotFoundError('Experiment named', input.name);
    return loadExperimentView(tx, row.id);
  },
});
