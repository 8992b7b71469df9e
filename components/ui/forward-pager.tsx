import Link from 'next/link';
import { Button } from './button';

/** "First page" / "Next page" links for lists paged forward with opaque keyset tokens. */
export function ForwardPager({ firstHref, nextHref }: { firstHref: string | null; nextHref: string | null }) {
  if (!firstHref && !nextHref) return null;
  return (
    <div className="mt-3 flex justify-end gap-2">
      {firstHref ? (
        <Button asChild variant="outline" size="sm">
          <Link href={firstHref}>First page</Link>
        </Button>
      ) : null}
      {nextHref ? (
        <Button asChild variant="outline" size="sm">
          <Link href={nextHref}>Next page</Link>
        </Button>
      ) : null}
    </div>
  );
}
