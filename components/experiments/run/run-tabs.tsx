'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { cn } from '@/lib/utils';
import { DEFAULT_RUN_PAGE, type RunTab } from './run-url';

const LABELS: Record<RunTab, string> = { overview: 'Overview', charts: 'Charts', params: 'Params', tags: 'Tags', datasets: 'Datasets', artifacts: 'Artifacts' };

/**
 * Sections of the run page as links, so the chosen one is in the URL and Back works. Links are built from
 * the live query, which chart settings change in place, so switching tabs keeps them.
 */
export function RunTabs({ current, tabs }: { current: RunTab; tabs: { tab: RunTab; count?: number }[] }) {
  const pathname = usePathname();
  const query = useSearchParams();
  const href = (tab: RunTab) => {
    const q = new URLSearchParams(query);
    if (tab === DEFAULT_RUN_PAGE.tab) q.delete('tab');
    else q.set('tab', tab);
    const s = q.toString();
    return s ? `${pathname}?${s}` : pathname;
  };
  return (
    <nav aria-label="Run sections" className="mb-4 border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map(({ tab, count }) => (
          <li key={tab}>
            <Link
              href={href(tab)}
              scroll={false}
              aria-current={tab === current ? 'page' : undefined}
              className={cn(
                'inline-flex items-center gap-1.5 border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                tab === current && 'border-primary font-medium text-foreground',
              )}
            >
              {LABELS[tab]}
              {count !== undefined ? ' ' : null}
              {count !== undefined ? <span className="rounded bg-muted px-1 text-[11px] tabular-nums text-muted-foreground">{count}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
