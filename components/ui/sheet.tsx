'use client';

import { Dialog as DialogPrimitive } from 'radix-ui';
import * as React from 'react';
import { cn } from '@/lib/utils';
import { DialogCornerClose, DialogOverlay } from './dialog';

export { Dialog as Sheet, DialogTrigger as SheetTrigger, DialogTitle as SheetTitle } from './dialog';

/** A panel that slides over the page from its left edge: a dialog (focus trapped, Escape and the corner button close it). */
export function SheetContent({ className, children, ...props }: React.ComponentProps<typeof DialogPrimitive.Content>) {
  return (
    <DialogPrimitive.Portal>
      <DialogOverlay />
      <DialogPrimitive.Content className={cn('fixed inset-y-0 left-0 z-50 flex w-64 max-w-[85vw] flex-col gap-6 border-r bg-sidebar px-3 py-4 shadow-lg', className)} {...props}>
        {children}
        <DialogCornerClose />
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
