import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ActionState } from '@/lib/api/action';
import type { TokenView } from '@/lib/tokens/schemas';
import { TokenStatusBadge } from './token-status-badge';

type RevokeAction = (id: string, prev: ActionState, form: FormData) => Promise<ActionState>;

/** API tokens, newest first. `showUser` adds the owner column for the admin's list of everyone's tokens. */
export function TokensTable({ tokens, revokeAction, showUser = false }: { tokens: TokenView[]; revokeAction: RevokeAction; showUser?: boolean }) {
  return (
    <Table aria-label="API tokens">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          {showUser ? <TableHead>User</TableHead> : null}
          <TableHead>Prefix</TableHead>
          <TableHead>Scopes</TableHead>
          <TableHead>Created (UTC)</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tokens.map((token) => (
          <TableRow key={token.id} data-testid="token-row" className={token.status === 'active' ? undefined : 'text-muted-foreground'}>
            <TableCell className="whitespace-nowrap font-medium">{token.name}</TableCell>
            {showUser ? <TableCell className="whitespace-nowrap">{token.userEmail}</TableCell> : null}
            <TableCell>
              <code className="font-mono text-xs">{token.prefix}…</code>
            </TableCell>
            <TableCell>
              <span className="flex gap-1">
                {token.scopes.map((s) => (
                  <Badge key={s} variant="outline">
                    {s}
                  </Badge>
                ))}
              </span>
            </TableCell>
            <TableCell>
              <DateTime value={token.createdAt} />
            </TableCell>
            <TableCell>
              <DateTime value={token.expiresAt} fallback="never" />
            </TableCell>
            <TableCell>
              <DateTime value={token.lastUsedAt} fallback="never" />
            </TableCell>
            <TableCell>
              <TokenStatusBadge token={token} />
            </TableCell>
            <TableCell className="py-1.5 text-right">
              {token.status === 'active' ? (
                <ConfirmAction
                  action={revokeAction.bind(null, token.id)}
                  label="Revoke"
                  ariaLabel={`Revoke token ${token.name}`}
                  title={`Revoke “${token.name}”?`}
                  description={`Every client using ${token.prefix}… gets 401 from its next request on. This cannot be undone; create a new token to restore access.`}
                  confirmLabel="Revoke token"
                  destructive
                />
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
