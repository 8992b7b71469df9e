'use client';

import { ArrowDownNarrowWide, ArrowUpWideNarrow, Star } from 'lucide-react';
import { memo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { bestIndexes, defaultDirection, type Direction } from '@/lib/compare/best';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import { cn } from '@/lib/utils';
import { formatValue } from './chart-theme';
import { RunHeader } from './run-header';

/** Columns drawn before "Show all": a thousand-column table is for scrolling on purpose only. */
const FIRST_COLUMNS = 50;
/**
 * Columns that come with the page, more than the widest screen shows; the others up to FIRST_COLUMNS are
 * added once the first chart is drawn, so that they do not hold it up.
 */
const PAGE_COLUMNS = 16;

const decode = (v: number | string | null): number | null => (v === null ? null : typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);

interface Props {
  data: GetComparisonOutput;
  colors: string[];
  diffOnly: boolean;
  dir: Record<string, Direction>;
  onDiffOnly: (v: boolean) => void;
  onDirection: (key: string, d: Direction) => void;
  /** The first chart is drawn: add the columns beyond PAGE_COLUMNS. */
  later: boolean;
}

/**
 * Params (rows that differ highlighted) and metrics (best value per metric marked), one column per run.
 * Memoised: with a hundred runs it is the largest part of the page, and other sections' changes (a chart
 * drawn, a brush) need not render it again.
 */
export const DiffTables = memo(function DiffTables({ data, colors, diffOnly, dir, onDiffOnly, onDirection, later }: Props) {
  const [all, setAll] = useState(false);
  const shown = all ? data.runs : data.runs.slice(0, later ? FIRST_COLUMNS : PAGE_COLUMNS);
  const params = diffOnly ? data.params.filter((p) => p.differs) : data.params;
  const metrics = diffOnly ? data.metrics.filter((m) => m.differs) : data.metrics;
  const differing = data.params.filter((p) => p.differs).length;
  const head = (
    <thead className="sticky top-0 z-10 bg-background">
      <tr>
        <th scope="col" className="sticky left-0 z-20 min-w-40 border-b bg-background px-2 py-1.5 text-left font-medium text-muted-foreground">
          Key
        </th>
        {shown.map((r, i) => (
          <RunHeader key={r.id} run={r} color={colors[i]} />
        ))}
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby="params-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="params-heading" className="text-base font-semibold">
          Params and metrics
          <span className="ml-2 text-sm font-normal text-muted-foreground">
            {differing} of {data.params.length} params differ
          </span>
        </h2>
        <div className="flex items-center gap-3 text-sm">
          <label className="flex cursor-pointer items-center gap-2">
            <input type="checkbox" className="size-3.5 accent-primary" checked={diffOnly} onChange={(e) => onDiffOnly(e.target.checked)} />
            Hide identical rows
          </label>
          {data.runs.length > FIRST_COLUMNS ? (
            <Button variant="outline" size="sm" onClick={() => setAll(!all)}>
              {all ? `Show the first ${FIRST_COLUMNS} runs` : `Show all ${data.runs.length} runs`}
            </Button>
          ) : null}
        </div>
      </div>
      <div className="max-h-[28rem] overflow-auto rounded-md border text-sm">
        <table className="w-max min-w-full border-separate border-spacing-0" aria-label="Params by run">
          {head}
          <tbody>
            {params.length === 0 ? (
              <tr>
                <td colSpan={shown.length + 1} className="px-2 py-3 text-muted-foreground">
                  {data.params.length === 0 ? 'No params were logged on these runs.' : 'Every param has the same value in every run.'}
                </td>
              </tr>
            ) : null}
            {params.map((p) => (
              <tr key={p.key} data-testid="param-row" data-differs={p.differs} className={cn(p.differs && 'bg-amber-500/10')}>
                <th scope="row" className={cn('sticky left-0 z-[1] border-b px-2 py-1 text-left font-mono text-[13px] font-normal', p.differs ? 'bg-amber-50 dark:bg-amber-950' : 'bg-background')}>
                  {p.differs ? (
                    <span className="mr-1 font-sans font-semibold text-amber-700 dark:text-amber-400" title="Values differ between runs">
                      ≠<span className="sr-only">differs:</span>
                    </span>
                  ) : null}
                  {p.key}
                </th>
                {shown.map((r, i) => (
                  <td key={r.id} className="max-w-48 truncate border-b px-2 py-1 font-mono text-[13px]" title={p.values[i] ?? 'not logged'}>
                    {p.values[i] ?? <span className="text-muted-foreground">—</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="max-h-[28rem] overflow-auto rounded-md border text-sm">
        <table className="w-max min-w-full border-separate border-spacing-0" aria-label="Metrics by run: latest value, min and max">
          {head}
          <tbody>
            {metrics.length === 0 ? (
              <tr>
                <td colSpan={shown.length + 1} className="px-2 py-3 text-muted-foreground">
                  {data.metrics.length === 0 ? 'No metrics were logged on these runs.' : 'Every metric has the same latest value in every run.'}
                </td>
              </tr>
            ) : null}
            {metrics.map((m) => {
              const direction = dir[m.key] ?? defaultDirection(m.key);
              const last = m.last.map(decode);
              const best = new Set(bestIndexes(last, direction));
              const Icon = direction === 'min' ? ArrowDownNarrowWide : ArrowUpWideNarrow;
              return (
                <tr key={m.key} data-testid="metric-row">
                  <th scope="row" className="sticky left-0 z-[1] border-b bg-background px-2 py-1 text-left font-normal">
                    <span className="flex items-center justify-between gap-2">
                      <span className="font-mono text-[13px]">{m.key}</span>
                      <Button
                        variant="ghost"
                        size="sm"
                        className="h-6 px-1.5 text-xs"
                        onClick={() => onDirection(m.key, direction === 'min' ? 'max' : 'min')}
                        aria-label={`Best ${m.key}: ${direction === 'min' ? 'lowest' : 'highest'}. Switch`}
                        title={direction === 'min' ? 'Lower is better (click for higher)' : 'Higher is better (click for lower)'}
                      >
                        <Icon aria-hidden />
                        {direction}
                      </Button>
                    </span>
                  </th>
                  {shown.map((r, i) => (
                    <td
                      key={r.id}
                      className={cn('border-b px-2 py-1 tabular-nums', best.has(i) && 'bg-emerald-500/15 font-semibold')}
                      title={`last ${formatValue(last[i])} at step ${m.step[i] ?? '—'} · min ${formatValue(decode(m.min[i]))} · max ${formatValue(decode(m.max[i]))}`}
                    >
                      <span className="flex items-center gap-1">
                        {best.has(i) ? <Star className="size-3 fill-emerald-600 text-emerald-600 dark:fill-emerald-400 dark:text-emerald-400" aria-label="best" /> : null}
                        {formatValue(last[i])}
                      </span>
                      {last[i] !== null ? (
                        <span className="block text-[11px] font-normal text-muted-foreground">
                          {formatValue(decode(m.min[i]))} … {formatValue(decode(m.max[i]))}
                        </span>
                      ) : null}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
});
