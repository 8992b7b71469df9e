'use client';

import { CircleHelp } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';

/** The search language reference (lib/search/README.md, rendered on the server) in a popover beside the filter box. */
export function FilterHelp({ children }: { children: React.ReactNode }) {
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon" className="size-8" aria-label="Filter syntax help" title="Filter syntax help">
          <CircleHelp aria-hidden />
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-[44rem] max-w-[calc(100vw-2rem)] p-4" aria-label="Filter syntax">
        {children}
      </PopoverContent>
    </Popover>
  );
}
