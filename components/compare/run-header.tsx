import Link from 'next/link';
import type { CompareRunView } from '@/lib/compare/schemas';

/** A run's column heading: colour swatch (the same as its line in the charts) and a link to the run. */
export function RunHeader({ run, color }: { run: CompareRunView; color: string }) {
  return (
    <th scope="col" className="min-w-28 max-w-48 border-b px-2 py-1.5 text-left align-bottom font-medium">
      <span className="flex items-center gap-1.5">
        <span aria-hidden className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: color }} />
        {/* No prefetch: a table of up to a thousand run links would have the server render a run page
            for every one in view while the compare page is still drawing its first chart. */}
        <Link
          href={`/experiments/${run.experimentId}/runs/${run.id}`}
          prefetch={false}
          className="truncate hover:underline focus-visible:underline"
          title={`${run.name} · ${run.experimentName}`}
        >
          {run.name}
        </Link>
      </span>
      {run.deleted ? <span className="text-xs font-normal text-destructive">in trash</span> : null}
    </th>
  );
}
