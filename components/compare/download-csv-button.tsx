'use client';

import { Download } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TRUNCATED_HEADER } from '@/lib/compare/comparison-csv';

/** Runs by id, or every run of some experiments matching a filter (the first 1,000, newest first). */
export type CsvSource = { runIds: string[] } | { experimentIds: string[]; filter?: string };

/**
 * Downloads runs (their columns, params and latest metrics) as CSV through POST /api/v1/compare/export,
 * and says so when a filter matched more runs than one download holds.
 */
export function DownloadCsvButton({ source }: { source: CsvSource }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setProblem(null);
    setNote(null);
    try {
      // A POST, as for the comparison itself: a thousand run ids do not fit in an address.
      const res = await fetch('/api/v1/compare/export', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(source) });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'modelkeep-comparison.csv';
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      if (res.headers.get(TRUNCATED_HEADER) === 'true') setNote('The first 1,000 matching runs (newest first): narrow the filter for the rest.');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : 'The download failed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex items-center gap-2">
      {note ? (
        <p role="status" className="text-xs text-muted-foreground">
          {note}
        </p>
      ) : null}
      {problem ? (
        <p role="alert" className="text-xs text-destructive">
          {problem}
        </p>
      ) : null}
      <Button variant="outline" size="sm" onClick={download} disabled={busy}>
        <Download aria-hidden />
        {busy ? 'Preparing…' : 'Download CSV'}
      </Button>
    </div>
  );
}
