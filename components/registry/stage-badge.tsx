import { Lock } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { ModelStage } from '@/lib/registry/schemas';

const VARIANT: Record<ModelStage, 'success' | 'warning' | 'secondary' | 'outline'> = {
  Production: 'success',
  Staging: 'warning',
  Archived: 'secondary',
  None: 'outline',
};

export function StageBadge({ stage }: { stage: ModelStage }) {
  return <Badge variant={VARIANT[stage]}>{stage}</Badge>;
}

export function AliasBadges({ aliases }: { aliases: { alias: string; protected?: boolean }[] }) {
  if (aliases.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {aliases.map((a) => (
        <Badge key={a.alias} variant="outline" className="font-mono" title={a.protected ? 'protected: moves only through an approved request' : undefined}>
          @{a.alias}
          {a.protected ? <Lock className="ml-0.5 size-3" aria-label="protected" /> : null}
        </Badge>
      ))}
    </span>
  );
}

/** "alice@x" or the name; null actor = the system. */
export function who(user: { email: string | null; name: string | null } | null): string {
  if (!user) return 'system';
  return user.name || user.email || 'a deleted user';
}
