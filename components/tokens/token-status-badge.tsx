import { Badge } from '@/components/ui/badge';
import type { TokenView } from '@/lib/tokens/schemas';

const VARIANT = { active: 'success', expired: 'warning', revoked: 'secondary' } as const;

/** The token's own state, plus a warning when its owner is disabled (it is refused then, though not revoked). */
export function TokenStatusBadge({ token }: { token: TokenView }) {
  const title = token.revokedAt ? `revoked ${token.revokedAt}` : token.status === 'expired' && token.expiresAt ? `expired ${token.expiresAt}` : undefined;
  return (
    <span className="flex flex-wrap gap-1">
      <Badge variant={VARIANT[token.status]} title={title}>
        {token.status}
      </Badge>
      {token.userDisabled && token.status === 'active' ? (
        <Badge variant="warning" title="Its owner is disabled, so every request with it is refused until they are enabled again.">
          user disabled
        </Badge>
      ) : null}
    </span>
  );
}
