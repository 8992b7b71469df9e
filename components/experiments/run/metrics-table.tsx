import Link from 'next/link';
import { formatMetric } from '@/components/experiments/run-cells';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { MetricView } from '@/lib/experiments/schemas';

/** Latest value of each metric with the min and max over its whole history; keys link to their chart. */
export function MetricsTable({ metrics, chartHref }: { metrics: [string, MetricView][]; chartHref: (key: string) => string }) {
  return (
    <Table aria-label="Metrics">
      <TableHeader>
        <TableRow>
          <TableHead>Key</TableHead>
          <TableHead className="text-right">Last</TableHead>
          <TableHead className="text-right">Min</TableHead>
          <TableHead className="text-right">Max</TableHead>
          <TableHead className="text-right">Step</TableHead>
          <TableHead className="text-right">Logged (UTC)</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {metrics.map(([key, m]) => (
          <TableRow key={key}>
            <TableCell className="py-1.5 font-mono text-xs">
              <Link href={chartHref(key)} className="hover:underline" title={`Chart of ${key}`}>
                {key}
              </Link>
            </TableCell>
            <TableCell className="py-1.5 text-right text-xs font-medium tabular-nums">{formatMetric(m.value)}</TableCell>
            <TableCell className="py-1.5 text-right text-xs tabular-nums">{formatMetric(m.min)}</TableCell>
            <TableCell className="py-1.5 text-right text-xs tabular-nums">{formatMetric(m.max)}</TableCell>
            <TableCell className="py-1.5 text-right text-xs tabular-nums">{m.step.toLocaleString('en-US')}</TableCell>
            <TableCell className="py-1.5 text-right text-xs tabular-nums text-muted-foreground">{new Date(m.timestamp).toISOString().slice(0, 19).replace('T', ' ')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
