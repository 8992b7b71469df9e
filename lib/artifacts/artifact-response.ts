import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ValidationError } from '@/lib/errors';
import type { ArtifactObject } from './artifact-store';

const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  py: 'text/x-python; charset=utf-8',
  yaml: 'text/yaml; charset=utf-8',
  yml: 'text/yaml; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** A content type from the file name; MLmodel and other extension-less files are text, the rest bytes. */
export function guessContentType(path: string): string {
  const name = path.split('/').pop() ?? '';
  if (name === 'MLmodel' || name === 'requirements.txt' || name === 'conda.yaml') return 'text/plain; charset=utf-8';
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Streams an artifact. Always an attachment, never sniffed, and sandboxed: artifacts are uploaded by
 * users, and an HTML or SVG file served inline from this origin could run script in the console's name.
 */
export function artifactResponse(obj: ArtifactObject & { path: string }): Response {
  const name = obj.path.split('/').pop() || 'artifact';
  return new Response(Readable.toWeb(obj.stream) as unknown as ReadableStream<Uint8Array> & WebReadableStream, {
    status: 200,
    headers: {
      'content-type': guessContentType(obj.path),
      'content-length': String(obj.size),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    },
  });
}

/**
 * The artifact path from the request URL after `marker` (the first occurrence), each segment decoded
 * exactly once, so that names holding `%`, spaces or `#` arrive as they were uploaded.
 */
export function urlPathAfter(request: Request, marker: string): string {
  const pathname = new URL(request.url).pathname;
  const at = pathname.indexOf(marker);
  if (at < 0) return '';
  return pathname
    .slice(at + marker.length)
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        throw new ValidationError(`Invalid artifact path segment '${seg}'.`, [{ path: 'path', message: 'bad percent-encoding' }]);
      }
    })
    .join('/');
}
