import { Boxes, SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ModelsTable } from '@/components/registry/models-table';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-actor';
import { isAppError } from '@/lib/errors';
import { searchModels } from '@/lib/registry/search-models';
import { ForwardPager } from '@/components/ui/forward-pager';

export const metadata: Metadata = { title: 'Models' };

type SearchParams = Promise<{ q?: string; after?: string }>;

export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor('read');
  const params = await searchParams;
  const q = params.q?.trim().slice(0, 200) ?? '';
  const query = (extra: Record<string, string>) => `/models?${new URLSearchParams({ ...(q ? { q } : {}), ...extra })}`;
  const { models, nextPageToken } = await searchModels(actor, { q: q || undefined, pageSize: 100, pageToken: params.after }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'invalid_page_token') redirect(query({}));
    throw e;
  });

  return (
    <>
      <PageHeader title="Models" description="Registered models, their versions and who holds Staging and Production. Stage changes go through a request and an approver’s sign-off." />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <form role="search" action="/models" className="flex items-center gap-2">
          <Input name="q" defaultValue={q} placeholder="Search models by name" aria-label="Search models" className="h-8 w-64" />
          <Button type="submit" size="sm" variant="outline">
            Search
          </Button>
        </form>
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {models.length} {models.length === 1 ? 'model' : 'models'}, by name{nextPageToken ? '; more on the next page' : ''}
        </p>
      </div>
      {models.length > 0 ? (
        <ModelsTable models={models} />
      ) : q ? (
        <EmptyState icon={SearchX} title={`No models match “${q}”`}>
          <p>
            Names are matched anywhere, ignoring case. Try a shorter part of the name, or{' '}
            <Link className="underline underline-offset-4" href="/models">
              clear the search
            </Link>
            .
          </p>
        </EmptyState>
      ) : (
        <EmptyState icon={Boxes} title="No registered models yet">
          <p>
            Register one from a run with <code className="font-mono">mlflow.register_model()</code>, or <code className="font-mono">POST /api/v1/models</code> and then{' '}
            <code className="font-mono">POST /api/v1/models/&lt;name&gt;/versions</code>. Its versions then appear here.
          </p>
        </EmptyState>
      )}
      <ForwardPager firstHref={params.after ? query({}) : null} nextHref={nextPageToken ? query({ after: nextPageToken }) : null} />
    </>
  );
}
