import { LogOut } from 'lucide-react';
import { signOutAction } from '@/app/login/actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { Actor } from '@/lib/auth/actor';

export function UserMenu({ actor }: { actor: Actor }) {
  return (
    <div className="flex items-center gap-3">
      <div className="text-right leading-tight">
        <p className="text-sm font-medium" data-testid="current-user">
          {actor.name}
        </p>
        <p className="hidden text-xs text-muted-foreground sm:block">{actor.email}</p>
      </div>
      <Badge variant="secondary" data-testid="current-role">
        {actor.role}
      </Badge>
      <form action={signOutAction}>
        <Button variant="ghost" size="icon" type="submit" aria-label="Sign out" title="Sign out">
          <LogOut />
        </Button>
      </form>
    </div>
  );
}
