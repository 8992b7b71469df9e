/** Bodies below this are not worth compressing (the threshold of the server's own compression). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * `Response.json` for the API doors. The server gzips every route handler's body whatever its size (it
 * does not see the length); for the small answers a training loop gets by the thousand (`{}`, an id, an
 * error) that costs more than it saves, so they are marked `no-transform`, which the server's compression
 * and proxies honour. Larger bodies are compressed when the client accepts it. API answers are per caller
 * and current: never stored by caches.
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  headers.set('cache-control', Buffer.byteLength(text) < COMPRESS_FROM_BYTES ? 'no-store, no-transform' : 'no-store');
  return new Response(text, { ...init, headers });
}
