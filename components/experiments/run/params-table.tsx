'use client';

import { Search } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { Input, Label } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

/** Params of the run, filtered as you type on key or value (a sweep can log hundreds). */
export function ParamsTable({ params }: { params: [string, string][] }) {
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim().toLowerCase());
  const shown = query ? params.filter(([k, v]) => k.toLowerCase().includes(query) || v.toLowerCase().includes(query)) : params;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-3">
        <div className="relative w-72">
          <Label htmlFor="param-search" className="sr-only">
            Search params
          </Label>
          <Search className="pointer-events-none absolute left-2.5 top-2.5 size-3.5 text-muted-foreground" aria-hidden />
          <Input id="param-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search params by key or value" className="h-8 pl-8 text-xs" />
        </div>
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {query ? `${shown.length} of ${params.length} params` : `${params.length} ${params.length === 1 ? 'param' : 'params'}`}
        </p>
      </div>
      <Table aria-label="Params">
        <TableHeader>
          <TableRow>
            <TableHead className="w-1/3">Key</TableHead>
            <TableHead>Value</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map(([k, v]) => (
            <TableRow key={k}>
              <TableCell className="py-1.5 font-mono text-xs">{k}</TableCell>
              <TableCell className="whitespace-pre-wrap break-all py-1.5 font-mono text-xs">{v}</TableCell>
            </TableRow>
          ))}
          {shown.length === 0 ? (
            <TableRow>
              <TableCell colSpan={2} className="py-6 text-center text-xs text-muted-foreground">
                No param matches “{q}”.
              </TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
    </div>
  );
}
