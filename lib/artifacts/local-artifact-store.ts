import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '@/lib/errors';
import { normalizeArtifactPath } from './artifact-path';
import type { ArtifactEntry, ArtifactObject, ArtifactStore } from './artifact-store';

/** Uploads are written here first and renamed into place, so readers never see half a file. */
const TMP_DIR = '.tmp';

function isErrno(e: unknown, code: string): boolean {
  return (e as NodeJS.ErrnoException)?.code === code;
}

function outside(p: string): ValidationError {
  return new ValidationError(`Invalid artifact path '${p}': it leads outside the artifact store.`, [{ path: 'path', message: 'leads outside the artifact store' }], 'invalid_artifact_path');
}

/**
 * Artifacts in a local directory (`ARTIFACTS_DIR`, default `./.data/artifacts`). Every path is normalised
 * (no `..`, no absolute paths) and, where it exists, resolved with realpath and required to stay under
 * the root, so a symlink planted inside cannot expose or overwrite files elsewhere.
 */
export class LocalArtifactStore implements ArtifactStore {
  private rootReal: Promise<string> | null = null;

  constructor(readonly root: string) {}

  private async realRoot(): Promise<string> {
    this.rootReal ??= mkdir(this.root, { recursive: true }).then(() => realpath(this.root));
    return this.rootReal;
  }

  private assertInside(rootReal: string, real: string, shown: string): void {
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) throw outside(shown);
  }

  /** The real absolute path of an existing entry, or null when nothing is there. */
  private async resolveExisting(rel: string): Promise<string | null> {
    const rootReal = await this.realRoot();
    try {
      const real = await realpath(path.join(rootReal, rel));
      this.assertInside(rootReal, real, rel);
      return real;
    } catch (e) {
      if (isErrno(e, 'ENOENT') || isErrno(e, 'ENOTDIR')) return null;
      throw e;
    }
  }

  /** Creates the directory one segment at a time, so that no mkdir ever follows a link out of the root. */
  private async ensureDir(rel: string): Promise<string> {
    const rootReal = await this.realRoot();
    let cur = rootReal;
    for (const seg of rel ? rel.split('/') : []) {
      const next = path.join(cur, seg);
      try {
        const st = await lstat(next);
        if (st.isSymbolicLink()) {
          const real = await realpath(next);
          this.assertInside(rootReal, real, rel);
          if (!(await stat(real)).isDirectory()) throw new ValidationError(`Artifact path '${rel}': '${seg}' is a file.`, [{ path: 'path', message: `'${seg}' is a file` }]);
          cur = real;
        } else if (st.isDirectory()) {
          cur = next;
        } else {
          throw new ValidationError(`Artifact path '${rel}': '${seg}' is a file.`, [{ path: 'path', message: `'${seg}' is a file` }]);
        }
      } catch (e) {
        if (!isErrno(e, 'ENOENT')) throw e;
        await mkdir(next).catch((err) => {
          if (!isErrno(err, 'EEXIST')) throw err;
        });
        cur = next;
      }
    }
    return cur;
  }

  async put(p: string, body: Readable | ReadableStream<Uint8Array>, opts: { maxBytes?: number } = {}): Promise<{ size: number }> {
    const rel = normalizeArtifactPath(p);
    if (!rel) throw new ValidationError('An artifact needs a file name.', [{ path: 'path', message: 'required' }]);
    const dirReal = await this.ensureDir(path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel));
    const target = path.join(dirReal, path.posix.basename(rel));
    const existing = await lstat(target).catch(() => null);
    if (existing?.isDirectory()) throw new ValidationError(`Artifact path '${rel}' is a directory.`, [{ path: 'path', message: 'is a directory' }]);
    const tmpDir = await this.ensureDir(TMP_DIR);
    const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    let size = 0;
    const limit = opts.maxBytes ?? Infinity;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) done(new PayloadTooLargeError(limit));
        else done(null, chunk);
      },
    });
    const source = body instanceof Readable ? body : Readable.fromWeb(body as WebReadableStream<Uint8Array>);
    try {
      await pipeline(source, counter, createWriteStream(tmp, { flags: 'wx' }));
      await rename(tmp, target);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    return { size };
  }

  async get(p: string): Promise<ArtifactObject> {
    const rel = normalizeArtifactPath(p);
    const real = rel ? await this.resolveExisting(rel) : null;
    const st = real ? await stat(real) : null;
    if (!real || !st?.isFile()) throw new NotFoundError('Artifact', rel || '/');
    return { stream: createReadStream(real), size: st.size };
  }

  async stat(p: string): Promise<ArtifactEntry | null> {
    const rel = normalizeArtifactPath(p);
    const real = await this.resolveExisting(rel);
    if (!real) return null;
    const st = await stat(real);
    return { path: rel, isDir: st.isDirectory(), size: st.isDirectory() ? null : st.size };
  }

  async list(p: string): Promise<ArtifactEntry[]> {
    const rel = normalizeArtifactPath(p);
    const real = await this.resolveExisting(rel);
    if (!real || !(await stat(real)).isDirectory()) return [];
    const rootReal = await this.realRoot();
    const out: ArtifactEntry[] = [];
    for (const d of await readdir(real, { withFileTypes: true })) {
      if (!rel && d.name === TMP_DIR) continue;
      const child = path.join(real, d.name);
      let st;
      try {
        const childReal = d.isSymbolicLink() ? await realpath(child) : child;
        this.assertInside(rootReal, childReal, `${rel}/${d.name}`);
        st = await stat(childReal);
      } catch {
        continue; // dangling links and links leading out of the root are not listed
      }
      if (!st.isDirectory() && !st.isFile()) continue;
      out.push({ path: rel ? `${rel}/${d.name}` : d.name, isDir: st.isDirectory(), size: st.isDirectory() ? null : st.size });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async deletePrefix(p: string): Promise<number> {
    const rel = normalizeArtifactPath(p);
    if (!rel) throw new ValidationError('Refusing to delete the whole artifact store.', [{ path: 'path', message: 'required' }]);
    const rootReal = await this.realRoot();
    const parent = await this.resolveExisting(path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel));
    if (!parent) return 0;
    const target = path.join(parent, path.posix.basename(rel));
    this.assertInside(rootReal, target, rel);
    const st = await lstat(target).catch(() => null);
    if (!st) return 0;
    let files = 1;
    if (st.isDirectory()) {
      const entries = await readdir(target, { recursive: true, withFileTypes: true });
      files = entries.filter((e) => !e.isDirectory()).length;
    }
    await rm(target, { recursive: true, force: true });
    return files;
  }
}

// Per module copy, not on globalThis: a store shared across bundles would throw errors from another copy of lib/errors.
const stores = new Map<string, ArtifactStore>();

/** The configured store: `ARTIFACTS_DIR`, or `./.data/artifacts` beside the embedded database. */
export function getArtifactStore(): ArtifactStore {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.ARTIFACTS_DIR ?? path.join(process.cwd(), '.data', 'artifacts'));
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new LocalArtifactStore(dir)));
  return store;
}
