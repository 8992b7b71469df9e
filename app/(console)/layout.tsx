import { redirect } from 'next/navigation';
import { MobileNav } from '@/components/shell/mobile-nav';
import { sidebarNav } from '@/components/shell/sidebar';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { UserMenu } from '@/components/shell/user-menu';
import { currentActor } from '@/lib/auth/page-actor';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  // Rendered once (its data is read once), shown in the sidebar or, on narrow windows, behind the menu button.
  const nav = await sidebarNav(actor);
  return (
    <div className="flex min-h-screen">
      <aside className="no-print hidden w-56 shrink-0 flex-col gap-6 border-r bg-sidebar px-3 py-4 md:flex">{nav}</aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print flex h-14 items-center justify-end gap-2 border-b px-4 md:px-6">
          <MobileNav>{nav}</MobileNav>
          <ThemeToggle />
          <UserMenu actor={actor} />
        </header>
        <main className="flex-1 px-4 py-6 md:px-6">{children}</main>
      </div>
    </div>
  );
}
