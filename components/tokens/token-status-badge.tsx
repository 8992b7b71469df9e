import { Badge } from '@/components/ui/badge';
import type { TokenView } from '@/lib/tokens/schemas';

const VARIANT = { active: 'success', expired: 'warning', revoked: 'secondary' } as const;

export function TokenStatusBadge({ status }: { status: TokenView['status'] }) {
  return <Badge variant={VARIANT[status]}>{status}</Badge>;
}
