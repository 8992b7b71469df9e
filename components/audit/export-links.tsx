import { Download } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { exportHref, type AuditFilterValues } from './audit-url';

/**
 * Plain links to the streaming export route, which reads the session cookie; the browser saves the
 * file under the name the route sends. Each export is itself recorded in the audit log.
 */
export function ExportLinks({ filter }: { filter: AuditFilterValues }) {
  return (
    <>
      <Button asChild variant="outline" size="sm">
        <a href={exportHref(filter, 'csv')} download>
          <Download aria-hidden /> Download CSV
        </a>
      </Button>
      <Button asChild variant="outline" size="sm">
        <a href={exportHref(filter, 'jsonl')} download>
          <Download aria-hidden /> Download JSON Lines
        </a>
      </Button>
    </>
  );
}
