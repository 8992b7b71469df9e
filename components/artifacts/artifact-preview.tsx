'use client';

import { Download } from 'lucide-react';
import { useEffect, useState } from 'react';
import { artifactDownloadUrl, formatBytes, previewKind } from './artifact-urls';
import { parseCsvPreview } from './csv';

/** More than this is not fetched for a preview; the download link has the whole file. */
const MAX_PREVIEW_BYTES = 256 * 1024;
const CSV_ROWS = 50;

type Loaded = { status: 'loading' } | { status: 'ok'; text: string; truncated: boolean } | { status: 'error'; message: string };

/** Reads at most `limit` bytes of a response, then stops the transfer. */
async function readCapped(res: Response, limit: number): Promise<{ text: string; truncated: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) return { text: '', truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= limit) {
      await reader.cancel();
      break;
    }
  }
  const all = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, Math.min(c.byteLength, all.length - at));
    all.set(part, at);
    at += part.byteLength;
  }
  return { text: new TextDecoder().decode(all), truncated: size >= limit };
}

function useArtifactText(url: string | null): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    (async () => {
      try {
        const res = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          setLoaded({ status: 'error', message: body?.error?.message ?? `The file could not be read (HTTP ${res.status}).` });
          return;
        }
        setLoaded({ status: 'ok', ...(await readCapped(res, MAX_PREVIEW_BYTES)) });
      } catch (e) {
        if (!controller.signal.aborted) setLoaded({ status: 'error', message: e instanceof Error ? e.message : 'The file could not be read.' });
      }
    })();
    return () => controller.abort();
  }, [url]);
  return loaded;
}

function CsvTable({ text, delimiter }: { text: string; delimiter: string }) {
  const { rows, truncated } = parseCsvPreview(text, CSV_ROWS + 1, delimiter);
  const [header = [], ...body] = rows;
  return (
    <div className="overflow-auto">
      <table className="w-full border-collapse text-xs">
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={i} scope="col" className="border-b bg-muted/50 px-2 py-1 text-left font-medium whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.slice(0, CSV_ROWS).map((r, i) => (
            <tr key={i} className="border-b last:border-0">
              {r.map((cell, j) => (
                <td key={j} className="px-2 py-1 font-mono whitespace-nowrap">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {truncated || body.length > CSV_ROWS ? <p className="px-2 py-1 text-xs text-muted-foreground">First {CSV_ROWS} rows shown.</p> : null}
    </div>
  );
}

function TextBody({ kind, path, loaded }: { kind: 'json' | 'csv' | 'text'; path: string; loaded: Loaded }) {
  if (loaded.status === 'loading') return <p className="p-3 text-sm text-muted-foreground">Loading preview…</p>;
  if (loaded.status === 'error') return <p className="p-3 text-sm text-destructive" role="alert">{loaded.message}</p>;
  const cut = loaded.truncated ? <p className="px-3 pb-2 text-xs text-muted-foreground">Preview shows the first {formatBytes(MAX_PREVIEW_BYTES)}; download for the rest.</p> : null;
  if (kind === 'csv') return (<>{<CsvTable text={loaded.text} delimiter={path.toLowerCase().endsWith('.tsv') ? '\t' : ','} />}{cut}</>);
  let shown = loaded.text;
  let note: string | null = null;
  if (kind === 'json' && !loaded.truncated) {
    try {
      shown = JSON.stringify(JSON.parse(loaded.text), null, 2);
    } catch {
      note = 'Not valid JSON; shown as text.';
    }
  }
  return (
    <>
      {note ? <p className="px-3 pt-2 text-xs text-muted-foreground">{note}</p> : null}
      <pre className="max-h-[32rem] overflow-auto px-3 py-2 font-mono text-xs leading-relaxed" data-testid="artifact-text">
        {shown}
      </pre>
      {cut}
    </>
  );
}

/** A preview of one artifact file (text, pretty JSON, the first CSV rows, images) with its download link. */
export function ArtifactPreview({ runId, path, size }: { runId: string; path: string; size: number | null }) {
  const kind = previewKind(path);
  const url = artifactDownloadUrl(runId, path);
  const loaded = useArtifactText(kind === 'json' || kind === 'csv' || kind === 'text' ? url : null);
  return (
    <section aria-label={`Preview of ${path}`} className="flex min-w-0 flex-col rounded-md border bg-background">
      <header className="flex items-center justify-between gap-2 border-b px-3 py-1.5">
        <h3 className="truncate font-mono text-xs" title={path}>
          {path}
        </h3>
        <a href={url} download className="inline-flex shrink-0 items-center gap-1 text-xs font-medium hover:underline">
          <Download className="size-3.5" aria-hidden />
          Download{size !== null ? ` (${formatBytes(size)})` : ''}
        </a>
      </header>
      {kind === 'image' ? (
        // eslint-disable-next-line @next/next/no-img-element -- an artifact from our own API, sized by the browser
        <img src={url} alt={path} className="m-3 max-h-[32rem] max-w-full self-start object-contain" />
      ) : kind === 'none' ? (
        <p className="p-3 text-sm text-muted-foreground">No preview for this kind of file. Download it to open it.</p>
      ) : (
        <TextBody kind={kind} path={path} loaded={loaded} />
      )}
    </section>
  );
}
