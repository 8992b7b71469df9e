'use client';

import { Columns3 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import type { ExperimentKeys } from '@/lib/experiments/list-experiment-keys';
import { columnId, type DataColumn, type DataKind } from './runs-url';

const SECTIONS: { kind: DataKind; title: string; field: 'metrics' | 'params' | 'tags' }[] = [
  { kind: 'm', title: 'Metrics', field: 'metrics' },
  { kind: 'p', title: 'Params', field: 'params' },
  { kind: 't', title: 'Tags', field: 'tags' },
];

/** Which metric, param and tag columns the table shows; the choice goes into the URL (`cols=`). */
export function ColumnChooser({ keys, columns: applied, onChange }: { keys: ExperimentKeys; columns: DataColumn[]; onChange: (next: DataColumn[]) => void }) {
  const [query, setQuery] = useState('');
  // Ticks show at once; the URL (and so the table) follows when the server has rendered.
  const [mine, setMine] = useState<{ from: DataColumn[]; cols: DataColumn[] } | null>(null);
  const columns = mine && mine.from === applied ? mine.cols : applied;
  const chosen = new Set(columns.map(columnId));
  const change = (cols: DataColumn[]) => {
    setMine({ from: applied, cols });
    onChange(cols);
  };
  const toggle = (c: DataColumn) => change(chosen.has(columnId(c)) ? columns.filter((x) => columnId(x) !== columnId(c)) : [...columns, c]);
  const total = keys.metrics.length + keys.params.length + keys.tags.length;
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm">
          <Columns3 aria-hidden />
          Columns
          <span className="tabular-nums text-muted-foreground">{columns.length}</span>
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-80 p-0" aria-label="Choose columns">
        <div className="border-b p-2">
          <Input aria-label="Find a key" placeholder="Find a key" value={query} onChange={(e) => setQuery(e.target.value)} className="h-8" />
        </div>
        {total === 0 ? <p className="p-3 text-sm text-muted-foreground">No metrics, params or tags logged in this experiment yet.</p> : null}
        <div className="max-h-80 overflow-auto p-2">
          {SECTIONS.map(({ kind, title, field }) => {
            const list = keys[field].filter((k) => k.toLowerCase().includes(query.toLowerCase()));
            if (list.length === 0) return null;
            return (
              <fieldset key={kind} className="mb-2">
                <legend className="px-1 pb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">{title}</legend>
                {list.map((key) => {
                  const c = { kind, key };
                  return (
                    <label key={key} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm hover:bg-accent">
                      <input type="checkbox" className="size-3.5 accent-primary" checked={chosen.has(columnId(c))} onChange={() => toggle(c)} />
                      <span className="truncate font-mono text-[13px]" title={key}>
                        {key}
                      </span>
                    </label>
                  );
                })}
              </fieldset>
            );
          })}
        </div>
        <div className="flex justify-end border-t p-2">
          <Button variant="ghost" size="sm" onClick={() => change([])} disabled={columns.length === 0}>
            Hide all
          </Button>
        </div>
      </PopoverContent>
    </Popover>
  );
}
