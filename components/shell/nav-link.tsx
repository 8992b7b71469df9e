'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/utils';

/**
 * A sidebar entry. Not prefetched: every console page is rendered per request, so prefetching the whole
 * sidebar on each page load costs the server a render per section while the page itself is loading.
 */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const section = href.split('/').slice(0, 2).join('/');
  const active = pathname === href || pathname.startsWith(`${section}/`) || pathname === section;
  return (
    <Link
      href={href}
      prefetch={false}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground [&_svg]:size-4',
        active && 'bg-accent font-medium text-accent-foreground',
      )}
    >
      {children}
    </Link>
  );
}
