import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExperiment } from '@/lib/experiments/delete-experiment';
import { deleteRun } from '@/lib/experiments/delete-run';
import { makeExperiment, makeRun } from '@/lib/experiments/test-support';
import { makeUser } from '@/test/factories';
import { getArtifactStore } from './local-artifact-store';
import { purgeExperimentAndArtifacts, purgeExperimentTrashAndArtifacts } from './purge-artifacts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'modelkeep-purge-'));
  process.env.ARTIFACTS_DIR = dir;
});
afterAll(() => {
  delete process.env.ARTIFACTS_DIR;
  rmSync(dir, { recursive: true, force: true });
});

async function putFile(storePath: string): Promise<void> {
  await getArtifactStore().put(storePath, Readable.from([Buffer.from('weights')]));
}

describe('permanent deletes remove artifact files after the rows', () => {
  it('emptying the trash deletes the purged runs’ artifacts and keeps the live runs’', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const keep = await makeRun(owner, e.id);
    const gone = await makeRun(owner, e.id);
    await putFile(`${e.id}/${keep.id}/artifacts/model.pkl`);
    await putFile(`${e.id}/${gone.id}/artifacts/model.pkl`);
    await putFile(`${e.id}/${gone.id}/artifacts/plots/loss.png`);
    await deleteRun(owner, { id: gone.id });

    const result = await purgeExperimentTrashAndArtifacts(owner, { id: e.id });

    expect(result).toMatchObject({ runsRemoved: 1, artifactPaths: [`${e.id}/${gone.id}/artifacts`], artifactFilesRemoved: 2 });
    const store = getArtifactStore();
    expect(await store.stat(`${e.id}/${gone.id}/artifacts`)).toBeNull();
    expect(await store.stat(`${e.id}/${keep.id}/artifacts/model.pkl`)).toMatchObject({ isDir: false, size: 7 });
  });

  it('purging a deleted experiment deletes its whole artifact folder', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id);
    await putFile(`${e.id}/${run.id}/artifacts/model.pkl`);
    await deleteExperiment(owner, { id: e.id });

    const result = await purgeExperimentAndArtifacts(owner, { id: e.id });

    expect(result).toMatchObject({ runsRemoved: 1, artifactFilesRemoved: 1 });
    expect(await getArtifactStore().stat(String(e.id))).toBeNull();
  });

  it('leaves every file in place when the purge is refused', async () => {
    const owner = await makeUser('scientist');
    const stranger = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id);
    await putFile(`${e.id}/${run.id}/artifacts/model.pkl`);
    await deleteRun(owner, { id: run.id });

    await expect(purgeExperimentTrashAndArtifacts(stranger, { id: e.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getArtifactStore().stat(`${e.id}/${run.id}/artifacts/model.pkl`)).toMatchObject({ isDir: false });
  });
});
