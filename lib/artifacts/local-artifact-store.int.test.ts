import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '@/lib/errors';
import { LocalArtifactStore } from './local-artifact-store';

let base: string;
let root: string;
let outsideDir: string;
let store: LocalArtifactStore;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'artifact-store-'));
  root = path.join(base, 'root');
  outsideDir = path.join(base, 'outside');
  await mkdir(outsideDir, { recursive: true });
  await writeFile(path.join(outsideDir, 'secret.txt'), 'do not read');
  store = new LocalArtifactStore(root);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function textStream(s: string): Readable {
  return Readable.from([Buffer.from(s)]);
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('LocalArtifactStore put/get/stat/list', () => {
  it('writes a file under nested directories and reads it back with its size', async () => {
    const put = await store.put('0/abc/artifacts/model/MLmodel', textStream('flavors: {}\n'));
    expect(put.size).toBe(12);
    const got = await store.get('0/abc/artifacts/model/MLmodel');
    expect(got.size).toBe(12);
    expect(await readAll(got.stream)).toBe('flavors: {}\n');
    expect(await store.stat('0/abc/artifacts/model')).toEqual({ path: '0/abc/artifacts/model', isDir: true, size: null });
  });

  it('lists direct children sorted, directories without size, and hides the upload area at the root', async () => {
    await store.put('list/b.txt', textStream('bb'));
    await store.put('list/a/c.txt', textStream('c'));
    expect(await store.list('list')).toEqual([
      { path: 'list/a', isDir: true, size: null },
      { path: 'list/b.txt', isDir: false, size: 2 },
    ]);
    const rootNames = (await store.list('')).map((e) => e.path);
    expect(rootNames).toContain('list');
    expect(rootNames).not.toContain('.tmp');
  });

  it('replaces an existing file whole and leaves no temporary files behind', async () => {
    await store.put('replace/x.txt', textStream('first version'));
    await store.put('replace/x.txt', textStream('second'));
    expect(await readAll((await store.get('replace/x.txt')).stream)).toBe('second');
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('answers an empty list for a missing directory and NotFoundError for a missing file or a directory', async () => {
    expect(await store.list('no/such/dir')).toEqual([]);
    await expect(store.get('no/such/file')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.get('list')).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.stat('no/such')).toBeNull();
  });

  it('refuses a body over maxBytes with PayloadTooLargeError and keeps no partial file', async () => {
    await expect(store.put('big/too-big.bin', Readable.from([Buffer.alloc(1000), Buffer.alloc(1000)]), { maxBytes: 1500 })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await store.stat('big/too-big.bin')).toBeNull();
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('deletes a tree and reports how many files went', async () => {
    await store.put('del/a.txt', textStream('a'));
    await store.put('del/sub/b.txt', textStream('b'));
    expect(await store.deletePrefix('del')).toBe(2);
    expect(await store.stat('del')).toBeNull();
    expect(await store.deletePrefix('del')).toBe(0);
  });
});

describe('LocalArtifactStore path traversal', () => {
  const bad = ['../outside/secret.txt', 'a/../../outside/secret.txt', '/etc/passwd', 'a\\..\\b', 'a/\0/b', 'C:/windows', 'a/%2e%2e/b'];

  it.each(bad)('refuses %j with a ValidationError on every operation', async (p) => {
    await expect(store.get(p)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.put(p, textStream('x'))).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list(p)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.stat(p)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.deletePrefix(p)).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses reading, listing and writing through a symlink that leads outside the root', async () => {
    await mkdir(path.join(root, 'links'), { recursive: true });
    await symlink(outsideDir, path.join(root, 'links', 'out'));
    await symlink(path.join(outsideDir, 'secret.txt'), path.join(root, 'links', 'secret.txt'));
    await expect(store.get('links/secret.txt')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.get('links/out/secret.txt')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list('links/out')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.put('links/out/planted.txt', textStream('x'))).rejects.toBeInstanceOf(ValidationError);
    await expect(store.put('links/out/newdir/planted.txt', textStream('x'))).rejects.toBeInstanceOf(ValidationError);
    expect((await store.list('links')).map((e) => e.path)).toEqual([]);
    expect(await readdir(outsideDir)).toEqual(['secret.txt']);
    expect(await readFile(path.join(outsideDir, 'secret.txt'), 'utf8')).toBe('do not read');
  });

  it('follows a symlink that stays inside the root', async () => {
    await store.put('inside/real/file.txt', textStream('inside'));
    await symlink(path.join(root, 'inside', 'real'), path.join(root, 'inside', 'alias'));
    expect(await readAll((await store.get('inside/alias/file.txt')).stream)).toBe('inside');
  });
});

describe('LocalArtifactStore streaming', () => {
  it('stores a 50 MB upload with flat memory and reads it back intact', async () => {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff;
    const chunks = 50;
    const expected = createHash('sha256');
    for (let i = 0; i < chunks; i++) expected.update(chunk);

    // The same chunk object each time, so the producer allocates nothing: any growth is the store's.
    // The lag check catches a store that pulls the whole body before writing (even one holding references).
    let yielded = 0;
    let maxLag = 0;
    async function* body() {
      for (let i = 0; i < chunks; i++) {
        const parts = await readdir(path.join(root, '.tmp')).catch(() => []);
        const written = parts.length ? (await stat(path.join(root, '.tmp', parts[0])).catch(() => null))?.size ?? 0 : 0;
        maxLag = Math.max(maxLag, yielded - written);
        yielded += chunk.length;
        yield chunk;
      }
    }
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (before.heapUsed + before.arrayBuffers));
    }, 5);
    const { size } = await store.put('stream/big.bin', Readable.from(body()));
    clearInterval(sampler);
    expect(size).toBe(chunks * chunk.length);
    // A whole-file buffer would add 50 MB; streaming keeps a few chunks in flight.
    expect(peak).toBeLessThan(20 * 1024 * 1024);
    expect(maxLag).toBeLessThan(8 * 1024 * 1024);

    const got = await store.get('stream/big.bin');
    expect(got.size).toBe(chunks * chunk.length);
    const actual = createHash('sha256');
    for await (const c of got.stream) actual.update(c as Buffer);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
  });
});
