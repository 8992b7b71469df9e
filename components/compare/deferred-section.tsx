'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The section's heading, shown while its chart is not there yet. */
  title: string;
  /** Height of the chart box the section will draw, so nothing below moves when it arrives. */
  height: number;
  /** The curves above are drawn (or have nothing to draw): the section may load now. */
  after: boolean;
  children: ReactNode;
}

/** How far below the viewport a section starts loading as the page scrolls towards it. */
const NEAR = '300px 0px';

/**
 * A chart section that is loaded and drawn only once the first curves are on the screen, or earlier
 * when it is scrolled near the viewport, so it does not hold up the first chart. Until then it shows
 * its heading and an empty box of its size.
 */
export function DeferredSection({ title, height, after, children }: Props) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLElement>(null);

  useEffect(() => {
    if (open) return;
    if (after) {
      // The first chart is on the screen: load when the browser is idle, within a second.
      if (typeof requestIdleCallback === 'function') {
        const id = requestIdleCallback(() => setOpen(true), { timeout: 1000 });
        return () => cancelIdleCallback(id);
      }
      const timer = setTimeout(() => setOpen(true), 200);
      return () => clearTimeout(timer);
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setOpen(true), { rootMargin: NEAR });
    observer.observe(box.current!);
    return () => observer.disconnect();
  }, [after, open]);

  if (open) return <>{children}</>;
  return <SectionPlaceholder ref={box} title={title} height={height} />;
}

/** A section's heading and an empty chart box of its size, while its code loads. */
export function SectionPlaceholder({ title, height, ref }: { title: string; height: number; ref?: React.Ref<HTMLElement> }) {
  return (
    <section ref={ref} aria-label={title} aria-busy="true" className="space-y-3">
      <div className="flex min-h-8 items-center">
        <h2 className="text-base font-semibold">{title}</h2>
      </div>
      <div className="flex items-center justify-center rounded-md border text-sm text-muted-foreground" style={{ height: height + 18 }}>
        Loading the chart…
      </div>
    </section>
  );
}
