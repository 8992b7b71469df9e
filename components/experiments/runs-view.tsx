'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { GitCompareArrows, ListTree, Rows3 } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { DownloadCsvButton } from '@/components/compare/download-csv-button';
import { Button } from '@/components/ui/button';
import type { ExperimentKeys } from '@/lib/experiments/list-experiment-keys';
import { cn } from '@/lib/utils';
import { ColumnChooser } from './column-chooser';
import type { FilterProblem } from './filter-error';
import { RunFilterBox } from './run-filter-box';
import { RunsTable, type RunRow } from './runs-table';
import { nextOrder, runsQuery, withSearch, type DataColumn, type RunsViewState } from './runs-url';

interface Props {
  experimentId: string;
  state: RunsViewState;
  columns: DataColumn[];
  rows: RunRow[];
  keys: ExperimentKeys;
  nextPageToken: string | null;
  filterProblem: FilterProblem | null;
  orderProblem: string | null;
  now: number;
  help: React.ReactNode;
  /** What to show instead of the table when the page has no rows (the server words it). */
  empty: React.ReactNode;
  pageSize: number;
}

/**
 * The interactive part of the runs page: every control writes the URL and the server renders the
 * result, so a link always reproduces the view. Only row selection stays in the browser.
 */
export function RunsView(props: Props) {
  const { experimentId, state, columns, rows, keys, nextPageToken, filterProblem, orderProblem, now, help, empty, pageSize } = props;
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const go = (next: RunsViewState, opts: { keepSelection?: boolean } = {}) => {
    if (!opts.keepSelection) setSelection({});
    const q = runsQuery(next);
    startTransition(() => router.push(q ? `${pathname}?${q}` : pathname, { scroll: false }));
  };
  const selected = Object.keys(selection).filter((id) => selection[id]);
  const pageNumber = state.pages.length + 1;

  return (
    <section aria-label="Runs" aria-busy={pending} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-2">
        <RunFilterBox key={state.filter} value={state.filter} keys={keys} serverProblem={filterProblem} onApply={(filter) => go(withSearch(state, { filter }))} help={help} />
        <div className="flex items-center gap-2">
          <Button
            variant="outline"
            size="sm"
            onClick={() => go(withSearch(state, { flat: !state.flat }))}
            title={state.flat ? 'Every matching run in one list' : 'Top-level runs, with matching child runs grouped under them'}
          >
            {state.flat ? <Rows3 aria-hidden /> : <ListTree aria-hidden />}
            {state.flat ? 'Flat list' : 'Grouped'}
          </Button>
          <ColumnChooser keys={keys} columns={columns} onChange={(cols) => go({ ...state, columns: cols }, { keepSelection: true })} />
          <Button asChild size="sm" variant={selected.length >= 2 ? 'default' : 'outline'} aria-disabled={selected.length < 2}>
            <Link
              href={`/compare?runs=${selected.join(',')}`}
              onClick={(e) => selected.length < 2 && e.preventDefault()}
              className={cn(selected.length < 2 && 'pointer-events-none opacity-50')}
              title={selected.length < 2 ? 'Select two or more runs to compare' : undefined}
            >
              <GitCompareArrows aria-hidden />
              Compare ({selected.length})
            </Link>
          </Button>
          <DownloadCsvButton source={{ experimentIds: [experimentId], filter: state.filter || undefined }} />
        </div>
      </div>
      {orderProblem ? (
        <p role="alert" className="text-xs text-destructive">
          The sort order in this link is not valid ({orderProblem}); runs are shown newest first.
        </p>
      ) : null}
      <div className="relative">
        <div className={cn('absolute inset-x-0 top-0 z-10 h-0.5 overflow-hidden rounded-t-md', !pending && 'hidden')} aria-hidden>
          <div className="h-full w-full animate-pulse bg-primary" />
        </div>
        {pending ? (
          <span className="sr-only" role="status">
            Loading runs…
          </span>
        ) : null}
        <div className={cn('transition-opacity', pending && 'opacity-60')}>
          {rows.length > 0 ? (
            <RunsTable
              experimentId={experimentId}
              rows={rows}
              columns={columns}
              order={state.order}
              agg={state.agg}
              expanded={state.expanded}
              selection={selection}
              now={now}
              onSort={(sortKey, firstDesc) => go(withSearch(state, { order: nextOrder(state.order, sortKey, firstDesc) }))}
              onAgg={(key, agg) => go({ ...state, agg: { ...state.agg, [key]: agg } }, { keepSelection: true })}
              onExpanded={(ids) => go({ ...state, expanded: ids }, { keepSelection: true })}
              onSelection={setSelection}
            />
          ) : (
            empty
          )}
        </div>
      </div>
      <div className="flex items-center justify-between gap-2 text-xs text-muted-foreground">
        <span aria-live="polite">
          Page {pageNumber} · {rows.length} of up to {pageSize} {state.flat ? '' : 'top-level '}
          {rows.length === 1 ? 'run' : 'runs'}
          {selected.length ? ` · ${selected.length} selected` : ''}
        </span>
        <nav aria-label="Pages" className="flex gap-2">
          <Button variant="outline" size="sm" disabled={state.pages.length === 0 || pending} onClick={() => go({ ...state, pages: state.pages.slice(0, -1) })}>
            Previous
          </Button>
          <Button variant="outline" size="sm" disabled={!nextPageToken || pending} onClick={() => nextPageToken && go({ ...state, pages: [...state.pages, nextPageToken] })}>
            Next
          </Button>
        </nav>
      </div>
    </section>
  );
}
