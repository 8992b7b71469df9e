'use client';

import { Search } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';

export type ExperimentsView = 'active' | 'deleted';

/** Name search (debounced) and the active / trash switch, both kept in the URL (`?q=&view=`). */
export function ExperimentsToolbar({ q, view }: { q: string; view: ExperimentsView }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const href = (next: { q: string; view: ExperimentsView }) => {
    const params = new URLSearchParams();
    if (next.q.trim()) params.set('q', next.q.trim());
    if (next.view === 'deleted') params.set('view', 'deleted');
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  const onText = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => startTransition(() => router.replace(href({ q: value, view }))), 300);
  };

  return (
    <div className="flex flex-wrap items-center gap-3">
      <nav aria-label="Experiment views" className="inline-flex rounded-md border p-0.5 text-sm">
        {(['active', 'deleted'] as const).map((v) => (
          <Link
            key={v}
            href={href({ q: text, view: v })}
            aria-current={view === v ? 'page' : undefined}
            className={cn(
              'rounded px-2.5 py-1 text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
              view === v && 'bg-accent font-medium text-accent-foreground',
            )}
          >
            {v === 'active' ? 'Active' : 'Trash'}
          </Link>
        ))}
      </nav>
      <div role="search" className="relative w-72" aria-busy={pending}>
        <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input type="search" aria-label="Search experiments by name" placeholder="Search by name" value={text} onChange={(e) => onText(e.target.value)} className="h-8 pl-8" />
      </div>
      {pending ? (
        <span className="text-xs text-muted-foreground" aria-live="polite">
          Searching…
        </span>
      ) : null}
    </div>
  );
}
