import { Readable } from 'node:stream';

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * For upload routes built with `apiRoute`, which reads JSON bodies: hands the raw body stream to the
 * handler and gives the wrapper a copy of the request without it, so nothing is buffered or parsed.
 */
export function withRawBody<C>(build: (body: ReadableStream<Uint8Array> | Readable) => RouteHandler<C>): RouteHandler<C> {
  return (request, context) => {
    const headers = new Headers(request.headers);
    headers.delete('content-length');
    headers.delete('content-type');
    const bodiless = new Request(request.url, { method: request.method, headers });
    return build(request.body ?? Readable.from([]))(bodiless, context);
  };
}
