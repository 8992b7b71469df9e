import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

/** Keyset paging: "Newer" walks back through the tokens kept in the URL, "Older" follows the server's token. */
export function AuditPagination({ newer, older, from, to }: { newer: string | null; older: string | null; from: number; to: number }) {
  return (
    <nav aria-label="Audit log pages" className="mt-3 flex items-center justify-between gap-3 text-sm">
      <p className="text-xs text-muted-foreground">
        Showing events #{from} to #{to}, newest first
      </p>
      <div className="flex gap-2">
        <PageLink href={newer} rel="prev">
          <ChevronLeft aria-hidden /> Newer
        </PageLink>
        <PageLink href={older} rel="next">
          Older <ChevronRight aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({ href, rel, children }: { href: string | null; rel: string; children: React.ReactNode }) {
  if (!href) {
    return (
      <Button variant="outline" size="sm" disabled>
        {children}
      </Button>
    );
  }
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={href} rel={rel}>
        {children}
      </Link>
    </Button>
  );
}
