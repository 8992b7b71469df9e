import Link from 'next/link';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ModelView } from '@/lib/registry/schemas';
import { AliasBadges } from './stage-badge';

const versionLink = (m: ModelView, v: number) => (
  <Link className="font-mono tabular-nums underline-offset-4 hover:underline" href={`/models/${encodeURIComponent(m.name)}/versions/${v}`}>
    v{v}
  </Link>
);

export function ModelsTable({ models }: { models: ModelView[] }) {
  return (
    <Table aria-label="Registered models">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Latest</TableHead>
          <TableHead>Production</TableHead>
          <TableHead>Staging</TableHead>
          <TableHead>Aliases</TableHead>
          <TableHead className="text-right">Pending</TableHead>
          <TableHead>Owner</TableHead>
          <TableHead>Updated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {models.map((m) => (
          <TableRow key={m.id}>
            <TableCell className="font-medium">
              <Link className="underline-offset-4 hover:underline" href={`/models/${encodeURIComponent(m.name)}`}>
                {m.name}
              </Link>
              <span className="ml-2 text-xs text-muted-foreground">{m.versionCount} {m.versionCount === 1 ? 'version' : 'versions'}</span>
            </TableCell>
            <TableCell>{m.latestVersion ? versionLink(m, m.latestVersion.version) : <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell>{m.production ? versionLink(m, m.production.version) : <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell>
              {m.staging.length ? (
                <span className="flex gap-1.5">
                  {m.staging.map((s) => (
                    <span key={s.id}>{versionLink(m, s.version)}</span>
                  ))}
                </span>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
            <TableCell>
              <AliasBadges aliases={m.aliases.filter((a) => a.version !== null).map((a) => ({ alias: `${a.alias}→v${a.version}`, protected: a.protected }))} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {m.pendingRequests > 0 ? (
                <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-offs">
                  {m.pendingRequests}
                </Link>
              ) : (
                <span className="text-muted-foreground">0</span>
              )}
            </TableCell>
            <TableCell className="text-xs text-muted-foreground">{m.ownerEmail ?? '—'}</TableCell>
            <TableCell className="text-xs">
              <DateTime value={m.updatedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
