import { Boxes } from 'lucide-react';
import Link from 'next/link';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/authorize';
import { countDecidableRequests } from '@/lib/registry/count-decidable-requests';
import { ACCOUNT_NAV, DOCS_NAV, MAIN_NAV, type NavItem } from './nav-items';
import { NavLink } from './nav-link';

function NavList({ items, actor, label, badges = {} }: { items: NavItem[]; actor: Actor; label: string; badges?: Partial<Record<NonNullable<NavItem['badge']>, number>> }) {
  const visible = items.filter((i) => can(actor, i.permission));
  if (visible.length === 0) return null;
  return (
    <ul className="flex flex-col gap-0.5" aria-label={label}>
      {visible.map(({ href, label: text, icon: Icon, badge }) => (
        <li key={href}>
          <NavLink href={href}>
            <Icon aria-hidden />
            {text}
            {badge && badges[badge] ? (
              <span className="ml-auto rounded-full bg-primary/15 px-1.5 text-xs font-medium tabular-nums text-primary" data-testid={`nav-badge-${badge}`}>
                {badges[badge]}
                <span className="sr-only"> waiting</span>
              </span>
            ) : null}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * The console's navigation: brand, sections (with the number of sign-offs waiting for the actor) and
 * account links. The layout shows it in the sidebar on wide windows and behind a menu button on narrow
 * ones; it is read once and rendered in both places.
 */
export async function sidebarNav(actor: Actor): Promise<React.ReactNode> {
  const signOffs = can(actor, 'transition.decide') ? (await countDecidableRequests(actor, {})).count : 0;
  return (
    <>
      <Link href="/" className="flex items-center gap-2 px-2 text-base font-semibold tracking-tight">
        <Boxes className="size-5 text-primary" aria-hidden />
        Modelkeep
      </Link>
      <nav aria-label="Main" className="flex flex-1 flex-col gap-6">
        <NavList items={MAIN_NAV} actor={actor} label="Sections" badges={{ 'sign-offs': signOffs }} />
        <div className="mt-auto flex flex-col gap-2">
          <p className="px-2.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Account</p>
          <NavList items={[...ACCOUNT_NAV, DOCS_NAV]} actor={actor} label="Account" />
        </div>
      </nav>
    </>
  );
}
