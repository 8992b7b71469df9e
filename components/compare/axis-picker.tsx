'use client';

import { SlidersHorizontal } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';

/** Which params and metrics become axes; the choice goes into the URL. */
export function AxisPicker({ options, chosen, onChange }: { options: { id: string; label: string; differs: boolean }[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  const set = new Set(chosen);
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm">
          <SlidersHorizontal aria-hidden />
          Axes <span className="tabular-nums text-muted-foreground">{chosen.length}</span>
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="max-h-96 w-80 overflow-auto p-2" aria-label="Choose axes">
        {options.map((o) => (
          <label key={o.id} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm hover:bg-accent">
            <input type="checkbox" className="size-3.5 accent-primary" checked={set.has(o.id)} onChange={() => onChange(set.has(o.id) ? chosen.filter((c) => c !== o.id) : [...chosen, o.id])} />
            <span className="truncate font-mono text-[13px]">{o.label}</span>
            {o.differs ? null : <span className="ml-auto text-xs text-muted-foreground">same in all</span>}
          </label>
        ))}
      </PopoverContent>
    </Popover>
  );
}
