import Link from 'next/link';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { VersionView } from '@/lib/registry/schemas';
import { AliasBadges, StageBadge } from './stage-badge';

export function VersionsTable({ versions, modelName }: { versions: VersionView[]; modelName: string }) {
  return (
    <Table aria-label="Versions">
      <TableHeader>
        <TableRow>
          <TableHead>Version</TableHead>
          <TableHead>Stage</TableHead>
          <TableHead>Aliases</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Source run</TableHead>
          <TableHead>Model card</TableHead>
          <TableHead>Registered</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {versions.map((v) => (
          <TableRow key={v.id}>
            <TableCell>
              <Link className="font-mono font-medium tabular-nums underline-offset-4 hover:underline" href={`/models/${encodeURIComponent(modelName)}/versions/${v.version}`}>
                v{v.version}
              </Link>
            </TableCell>
            <TableCell>
              <StageBadge stage={v.stage} />
            </TableCell>
            <TableCell>
              <AliasBadges aliases={v.aliases.map((alias) => ({ alias }))} />
            </TableCell>
            <TableCell className="text-xs">{v.status === 'READY' ? <span className="text-muted-foreground">ready</span> : v.status.toLowerCase().replace('_', ' ')}</TableCell>
            <TableCell className="max-w-48 truncate font-mono text-xs text-muted-foreground">{v.runId ?? v.source ?? '—'}</TableCell>
            <TableCell className="text-xs tabular-nums">
              <span className={v.cardCompleteness.filled === v.cardCompleteness.total ? 'text-success' : 'text-muted-foreground'}>
                {v.cardCompleteness.filled}/{v.cardCompleteness.total}
              </span>
            </TableCell>
            <TableCell className="text-xs">
              <DateTime value={v.createdAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
