import 'server-only';
import { eq } from 'drizzle-orm';
import { experiments, experimentTags } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import './constraints';
import { loadExperimentView } from './experiment-view';
import { CreateExperimentInput } from './schemas';

/**
 * Creates an experiment owned by the caller (owner = MANAGE on it). Names are unique across active and
 * deleted experiments, as in MLflow; the unique index decides, so two concurrent creates cannot both win.
 * Without an artifact location the experiment gets `mlflow-artifacts:/<id>`, as MLflow's server does.
 */
export const createExperiment = defineService({
  name: 'experiments.create',
  permission: 'experiment.create',
  input: CreateExperimentInput,
  async run({ tx, actor }, input) {
    const [row] = await tx
      .insert(experiments)
      .values({ name: input.name, description: input.description ?? null, ownerId: actor.userId, artifactLocation: input.artifactLocation ?? null })
      .returning();
    if (!input.artifactLocation) {
      await tx.update(experiments).set({ artifactLocation: `mlflow-artifacts:/${row.id}` }).where(eq(experiments.id, row.id));
    }
    const tags = Object.entries(input.tags ?? {});
    if (tags.length) await tx.insert(experimentTags).values(tags.map(([key, value]) => ({ experimentId: row.id, key, value })));
    const view = await loadExperimentView(tx, row.id);
    await recordAudit(tx, actor, 'experiment.create', { type: 'experiment', id: row.id }, { after: view });
    return view;
  },
});
