'use client';

import { getCoreRowModel, getExpandedRowModel, useReactTable, flexRender, type ColumnDef, type ExpandedState, type RowSelectionState } from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ChevronDown, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { RunView } from '@/lib/experiments/schemas';
import { cn } from '@/lib/utils';
import { RelativeTime } from './relative-time';
import { RunStatusBadge, formatDuration, formatMetric, metricValue } from './run-cells';
import { columnId, sortDirection, sortKeyOf, type Aggregation, type DataColumn } from './runs-url';

export interface RunRow extends RunView {
  subRows?: RunRow[];
}

interface Props {
  experimentId: string;
  rows: RunRow[];
  columns: DataColumn[];
  order: string | null;
  agg: Record<string, Aggregation>;
  expanded: string[];
  selection: RowSelectionState;
  now: number;
  onSort: (sortKey: string, firstDesc: boolean) => void;
  onAgg: (key: string, agg: Aggregation) => void;
  onExpanded: (ids: string[]) => void;
  onSelection: (next: RowSelectionState) => void;
}

const NEXT_AGG: Record<Aggregation, Aggregation> = { last: 'min', min: 'max', max: 'last' };
const KIND_LABEL = { m: 'metric', p: 'param', t: 'tag' } as const;

/**
 * The runs of one page, child runs grouped under their parent. The table model is headless
 * (@tanstack/react-table); sorting and paging happen on the server, so this only lays out what it is given.
 */
export function RunsTable(props: Props) {
  const { experimentId, rows, columns, order, agg, expanded, selection, now, onSort, onAgg, onExpanded, onSelection } = props;

  const defs = useMemo<ColumnDef<RunRow>[]>(() => {
    const sortable = (label: string, sortKey: string, firstDesc = false) => ({ label, sortKey, firstDesc });
    const base: ColumnDef<RunRow>[] = [
      {
        id: 'select',
        header: ({ table }) => (
          <input
            type="checkbox"
            className="size-3.5 align-middle accent-primary"
            aria-label="Select all runs on this page"
            checked={table.getIsAllRowsSelected()}
            ref={(el) => {
              if (el) el.indeterminate = table.getIsSomeRowsSelected();
            }}
            onChange={table.getToggleAllRowsSelectedHandler()}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            className="size-3.5 align-middle accent-primary"
            aria-label={`Select run ${row.original.name}`}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      },
      {
        id: 'name',
        meta: sortable('Run', 'attributes.run_name'),
        cell: ({ row }) => (
          <div className="flex items-center gap-1" style={{ paddingLeft: row.depth * 24 }}>
            {row.getCanExpand() ? (
              <button
                type="button"
                onClick={row.getToggleExpandedHandler()}
                aria-expanded={row.getIsExpanded()}
                aria-label={`${row.getIsExpanded() ? 'Collapse' : 'Expand'} ${row.original.subRows?.length} child runs of ${row.original.name}`}
                className="inline-flex items-center gap-0.5 rounded px-0.5 text-xs text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {row.getIsExpanded() ? <ChevronDown className="size-3.5" aria-hidden /> : <ChevronRight className="size-3.5" aria-hidden />}
                <span className="tabular-nums">{row.original.subRows?.length}</span>
              </button>
            ) : (
              <span className="w-[1.6rem] shrink-0 text-center text-muted-foreground/60" aria-hidden>
                {row.depth > 0 ? '└' : ''}
              </span>
            )}
            <Link href={`/experiments/${experimentId}/runs/${row.original.id}`} className="max-w-64 truncate font-medium hover:underline focus-visible:underline" title={row.original.name}>
              {row.original.name}
            </Link>
          </div>
        ),
      },
      { id: 'status', meta: sortable('Status', 'attributes.status'), cell: ({ row }) => <RunStatusBadge status={row.original.status} /> },
      {
        id: 'start',
        meta: sortable('Started', 'attributes.start_time', true),
        cell: ({ row }) => <RelativeTime ms={row.original.startTime} now={now} />,
      },
      {
        id: 'duration',
        meta: { label: 'Duration', align: 'right' },
        cell: ({ row }) => {
          const r = row.original;
          const end = r.endTime ?? (r.status === 'RUNNING' ? now : null);
          return end === null ? <span className="text-muted-foreground">—</span> : <span className="tabular-nums">{formatDuration(end - r.startTime)}</span>;
        },
      },
      { id: 'user', meta: sortable('User', 'attributes.user_id'), cell: ({ row }) => <span className="block max-w-40 truncate text-muted-foreground">{row.original.userName ?? '—'}</span> },
      {
        id: 'source',
        meta: { label: 'Commit' },
        cell: ({ row }) => {
          const s = row.original.source;
          if (!s.version) return <span className="text-muted-foreground">—</span>;
          return (
            <span className="font-mono text-xs" title={[s.version, s.name].filter(Boolean).join('\n')}>
              {s.version.slice(0, 7)}
            </span>
          );
        },
      },
    ];
    const data: ColumnDef<RunRow>[] = columns.map((c) => ({
      id: columnId(c),
      meta: { label: c.key, sortKey: sortKeyOf(c), firstDesc: c.kind === 'm', data: c, align: c.kind === 'm' ? 'right' : 'left' },
      cell: ({ row }) => {
        const r = row.original;
        if (c.kind === 'm') {
          const v = metricValue(r.metrics[c.key], agg[c.key] ?? 'last');
          return v === null ? <span className="text-muted-foreground/60">–</span> : <span className="tabular-nums">{formatMetric(v)}</span>;
        }
        const v = c.kind === 'p' ? r.params[c.key] : r.tags[c.key];
        return v === undefined ? <span className="text-muted-foreground/60">–</span> : <span className="block max-w-48 truncate" title={v}>{v}</span>;
      },
    }));
    return [...base, ...data];
  }, [columns, agg, experimentId, now]);

  const expandedState: ExpandedState = Object.fromEntries(expanded.map((id) => [id, true]));
  // TanStack Table's instance is mutable by design; React Compiler skips this component, which is what it needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: defs,
    getRowId: (r) => r.id,
    getSubRows: (r) => r.subRows,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    state: { expanded: expandedState, rowSelection: selection },
    enableSubRowSelection: false,
    onExpandedChange: (updater) => {
      const next = typeof updater === 'function' ? updater(expandedState) : updater;
      onExpanded(next === true ? rows.filter((r) => r.subRows?.length).map((r) => r.id) : Object.keys(next).filter((k) => next[k]));
    },
    onRowSelectionChange: (updater) => onSelection(typeof updater === 'function' ? updater(selection) : updater),
  });

  return (
    <Table aria-label="Runs" className="whitespace-nowrap">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          {table.getFlatHeaders().map((header) => {
            const meta = header.column.columnDef.meta as ColumnMeta | undefined;
            if (!meta) return <TableHead key={header.id} className="w-8 pr-0">{flexRender(header.column.columnDef.header, header.getContext())}</TableHead>;
            const dir = meta.sortKey ? sortDirection(order, meta.sortKey) : null;
            return (
              <TableHead
                key={header.id}
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
                className={cn(meta.align === 'right' && 'text-right', meta.data && 'border-l border-border/60')}
              >
                <div className={cn('flex items-center gap-1', meta.align === 'right' && 'justify-end')}>
                  {meta.data ? <span className="sr-only">{KIND_LABEL[meta.data.kind]} </span> : null}
                  {meta.sortKey ? (
                    <button
                      type="button"
                      onClick={() => onSort(meta.sortKey!, !!meta.firstDesc)}
                      className={cn('inline-flex max-w-48 items-center gap-1 rounded hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring', dir && 'text-foreground')}
                      title={`Sort by ${meta.sortKey}${meta.data?.kind === 'm' ? ' (last value; runs without it stay last)' : ''}`}
                    >
                      <span className={cn('truncate', meta.data && 'font-mono')}>{meta.label}</span>
                      {dir === 'asc' ? <ArrowUp className="size-3.5 shrink-0" aria-hidden /> : dir === 'desc' ? <ArrowDown className="size-3.5 shrink-0" aria-hidden /> : null}
                    </button>
                  ) : (
                    <span>{meta.label}</span>
                  )}
                  {meta.data?.kind === 'm' ? <AggToggle metric={meta.data.key} agg={agg[meta.data.key] ?? 'last'} onAgg={onAgg} /> : null}
                </div>
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} data-testid="run-row" data-run-id={row.id} data-state={row.getIsSelected() ? 'selected' : undefined} className={cn('data-[state=selected]:bg-primary/5', row.depth > 0 && 'bg-muted/20')}>
            {row.getVisibleCells().map((cell) => {
              const meta = cell.column.columnDef.meta as ColumnMeta | undefined;
              return (
                <TableCell key={cell.id} className={cn('py-1.5', !meta && 'w-8 pr-0', meta?.align === 'right' && 'text-right', meta?.data && 'border-l border-border/60')}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

interface ColumnMeta {
  label: string;
  sortKey?: string;
  firstDesc?: boolean;
  align?: 'left' | 'right';
  data?: DataColumn;
}

function AggToggle({ metric, agg, onAgg }: { metric: string; agg: Aggregation; onAgg: (key: string, agg: Aggregation) => void }) {
  return (
    <button
      type="button"
      onClick={() => onAgg(metric, NEXT_AGG[agg])}
      aria-label={`Showing ${agg} value of ${metric}; switch to ${NEXT_AGG[agg]}`}
      title="Last, min or max value over the run's history"
      className={cn(
        'rounded border px-1 text-[10px] font-medium uppercase leading-4 tracking-wide hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
        agg === 'last' ? 'text-muted-foreground' : 'border-primary/50 text-primary',
      )}
    >
      {agg}
    </button>
  );
}
