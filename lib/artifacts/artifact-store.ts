import type { Readable } from 'node:stream';

/** One entry of a directory listing; `path` is relative to the store root. */
export interface ArtifactEntry {
  path: string;
  isDir: boolean;
  /** Bytes, for files; null for directories. */
  size: number | null;
}

export interface ArtifactObject {
  stream: Readable;
  size: number;
}

/**
 * Where artifact bytes live. Paths are normalised store-relative POSIX paths (see artifact-path.ts).
 * Implementations stream: no call may hold a whole file in memory. The local directory is the default;
 * an S3-compatible store implements the same five calls.
 */
export interface ArtifactStore {
  /** Writes the stream to `path` (replacing a file there) and returns its size; a half-written file is never visible. */
  put(path: string, body: Readable | ReadableStream<Uint8Array>, opts?: { maxBytes?: number }): Promise<{ size: number }>;
  /** Opens a file for reading; NotFoundError when there is no file at `path`. */
  get(path: string): Promise<ArtifactObject>;
  /** The entry at `path`, or null. */
  stat(path: string): Promise<ArtifactEntry | null>;
  /** Direct children of the directory at `path`, sorted by path; empty when it does not exist. */
  list(path: string): Promise<ArtifactEntry[]>;
  /** Removes the file or the whole tree at `path`; returns how many files went. */
  deletePrefix(path: string): Promise<number>;
}
