import { SearchX, ScrollText } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditEventList } from '@/components/audit/audit-event-list';
import { AuditFilterForm, FILTER_LABELS } from '@/components/audit/audit-filter-form';
import { AuditPagination } from '@/components/audit/audit-pagination';
import { FILTER_FIELDS, newerHref, olderHref, parseAuditSearchParams, type FilterField } from '@/components/audit/audit-url';
import { ExportLinks } from '@/components/audit/export-links';
import { VerifyChain } from '@/components/audit/verify-chain';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { can } from '@/lib/auth/authorize';
import { requirePageActor } from '@/lib/auth/page-actor';
import { isAppError, type ValidationError } from '@/lib/errors';
import { verifyChainAction } from './actions';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

/** The schema's union reports an unreadable date only as "Invalid input"; say what is expected instead. */
function readableIssue(field: string, message: string): string {
  if ((field === 'from' || field === 'to') && message === 'Invalid input') return 'is not a date and time; use YYYY-MM-DDTHH:mm, in UTC';
  return message;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('audit.read');
  const state = parseAuditSearchParams(await searchParams);
  const filtered = Object.keys(state.values).length > 0;

  let page: Awaited<ReturnType<typeof listAuditEvents>> | null = null;
  const fieldErrors: Partial<Record<FilterField, string>> = {};
  let pageError: string | null = null;
  try {
    page = await listAuditEvents(actor, { ...state.filter, pageSize: PAGE_SIZE, pageToken: state.pageToken });
  } catch (e) {
    if (!isAppError(e) || e.kind !== 'validation') throw e;
    for (const issue of (e as ValidationError).issues) {
      if ((FILTER_FIELDS as readonly string[]).includes(issue.path)) fieldErrors[issue.path as FilterField] = readableIssue(issue.path, issue.message);
      else pageError = 'This page link is no longer valid. Start again from the newest events.';
    }
    if (Object.keys(fieldErrors).length === 0) pageError ??= e.message;
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, who made it and from where, in a hash chain that shows any edited or deleted event."
        actions={can(actor, 'audit.export') && page ? <ExportLinks filter={state.filter} /> : null}
      />
      <VerifyChain action={verifyChainAction} />
      <AuditFilterForm values={state.values} errors={fieldErrors} />
      {Object.keys(fieldErrors).length > 0 ? (
        <p role="alert" className="mb-4 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          The filter could not be applied: {Object.entries(fieldErrors).map(([f, m]) => `${FILTER_LABELS[f as FilterField]} ${m}`).join('; ')}.
        </p>
      ) : null}
      {pageError ? (
        <p role="alert" className="mb-4 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {pageError}{' '}
          <Link href="/audit" className="font-medium underline underline-offset-2">
            Newest events
          </Link>
        </p>
      ) : null}
      {page && page.events.length > 0 ? (
        <>
          <AuditEventList events={page.events} open={state.open} />
          <AuditPagination
            newer={newerHref(state)}
            older={page.nextPageToken ? olderHref(state, page.nextPageToken) : null}
            from={page.events[0].seq}
            to={page.events[page.events.length - 1].seq}
          />
        </>
      ) : null}
      {page && page.events.length === 0 ? (
        filtered || state.pageToken ? (
          <EmptyState icon={SearchX} title="No event matches this filter">
            <p>
              Widen the time range, use an action prefix such as <code className="font-mono">user.</code>, or{' '}
              <Link href="/audit" className="font-medium text-foreground underline underline-offset-2">
                clear the filter
              </Link>
              .
            </p>
          </EmptyState>
        ) : (
          <EmptyState icon={ScrollText} title="The audit log is empty">
            <p>Events appear here as soon as anyone signs in, changes a user, creates a token or touches a model.</p>
          </EmptyState>
        )
      ) : null}
    </>
  );
}
