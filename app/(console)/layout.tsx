import { redirect } from 'next/navigation';
import { Sidebar } from '@/components/shell/sidebar';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { UserMenu } from '@/components/shell/user-menu';
import { currentActor } from '@/lib/auth/page-actor';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  return (
    <div className="flex min-h-screen">
      <Sidebar actor={actor} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print flex h-14 items-center justify-end gap-2 border-b px-6">
          <ThemeToggle />
          <UserMenu actor={actor} />
        </header>
        <main className="flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
