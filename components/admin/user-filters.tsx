'use client';

import { Search } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Input, Select } from '@/components/ui/input';

/** Search and role filter kept in the URL (`?q=&role=`), so a filtered list can be shared as a link. */
export function UserFilters({ q, role, roles }: { q: string; role: string; roles: readonly string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(q);
  // The q this box last asked for; a different one in the URL came from elsewhere (a link, Back).
  const [sent, setSent] = useState(q);
  if (q !== sent) {
    setSent(q);
    setText(q);
  }
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const navigate = (next: { q: string; role: string }) => {
    const params = new URLSearchParams();
    if (next.q.trim()) params.set('q', next.q.trim());
    if (next.role) params.set('role', next.role);
    const query = params.toString();
    setSent(next.q.trim());
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname));
  };
  const onText = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => navigate({ q: value, role }), 300);
  };

  return (
    <div role="search" className="flex flex-wrap items-center gap-2" aria-busy={pending}>
      <div className="relative w-72">
        <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input type="search" aria-label="Search users" placeholder="Search email or name" value={text} onChange={(e) => onText(e.target.value)} className="pl-8" />
      </div>
      <Select aria-label="Filter by role" value={role} onChange={(e) => navigate({ q: text, role: e.target.value })} className="w-40">
        <option value="">All roles</option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      {pending ? <span className="text-xs text-muted-foreground">Loading…</span> : null}
    </div>
  );
}
