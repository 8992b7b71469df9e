import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { purgeExperiment, purgeExperimentTrash } from '@/lib/experiments/purge-experiment';
import type { PurgeOutput } from '@/lib/experiments/schemas';
import { getArtifactStore } from './local-artifact-store';

type PurgeInput = z.input<typeof purgeExperiment.input>;

/** Removes the artifact folders of purged runs; called only after the purge's transaction committed. */
async function removeArtifactPaths(paths: string[]): Promise<number> {
  const store = getArtifactStore();
  let files = 0;
  for (const p of new Set(paths)) files += await store.deletePrefix(p);
  return files;
}

/** Empties an experiment's trash, then deletes the purged runs' artifact files. */
export async function purgeExperimentTrashAndArtifacts(actor: Actor, input: PurgeInput): Promise<PurgeOutput> {
  const result = await purgeExperimentTrash(actor, input);
  return { ...result, artifactFilesRemoved: await removeArtifactPaths(result.artifactPaths) };
}

/** Removes a deleted experiment for good, then deletes its artifact files. */
export async function purgeExperimentAndArtifacts(actor: Actor, input: PurgeInput): Promise<PurgeOutput> {
  const result = await purgeExperiment(actor, input);
  return { ...result, artifactFilesRemoved: await removeArtifactPaths(result.artifactPaths) };
}
