import { GitCompareArrows, SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { parseCompareState } from '@/components/compare/compare-url';
import { CompareView } from '@/components/compare/compare-view';
import { initialCurvesRequest, requestKey } from '@/components/compare/curves-request';
import { FRAME_WIDTH_COOKIE, frameWidthFrom } from '@/components/compare/frame-width';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-actor';
import { getComparison } from '@/lib/compare/get-comparison';
import { getComparisonCurves } from '@/lib/compare/get-comparison-curves';
import { isAppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Compare runs' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor('read');
  const state = parseCompareState(await searchParams);
  const header = <PageHeader title="Compare runs" description="Params, metrics and curves of runs side by side. The address holds the whole view: copy it to share." />;

  if (state.runs.length === 0 && state.experiments.length === 0) {
    return (
      <>
        {header}
        <EmptyState icon={GitCompareArrows} title="Choose runs to compare">
          <p>
            Open an experiment from{' '}
            <Link className="underline underline-offset-4" href="/experiments">
              Experiments
            </Link>
            , tick two or more runs in its runs table and press <strong>Compare</strong>. Filtered runs can be compared all at once (up to 1,000) with
            an address like <code className="font-mono">/compare?exp=1&amp;filter=params.optimizer = &apos;adam&apos;</code>.
          </p>
        </EmptyState>
      </>
    );
  }

  const source = state.runs.length ? { runIds: state.runs } : { experimentIds: state.experiments, filter: state.filter || undefined };
  const result = await getComparison(actor, source).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'invalid_filter') return { problem: e.message.replace(/^filter: /, '') };
    throw e;
  });
  if ('problem' in result) {
    return (
      <>
        {header}
        <EmptyState icon={SearchX} title="The filter could not be read">
          <p>{result.problem}</p>
        </EmptyState>
      </>
    );
  }
  if (result.runs.length === 0) {
    return (
      <>
        {header}
        <EmptyState icon={SearchX} title="No runs to compare">
          <p>{state.runs.length ? 'None of the runs in this address exist any more (they may have been deleted permanently).' : 'No active run matches this filter.'}</p>
        </EmptyState>
      </>
    );
  }
  // The first curves come with the document, for the same request the client would make, so the first
  // chart is drawn without a round trip; should they fail here, the client asks again and shows why.
  // They are not awaited: the tables, the controls and the scripts stream out while the curves are read,
  // and the curves follow in the same response.
  const request = initialCurvesRequest(result, state);
  const initialCurves = request
    ? getComparisonCurves(actor, request).then(
        (curves) => ({ request: requestKey(request), curves }),
        () => null,
      )
    : null;
  return (
    <>
      {header}
      <CompareView data={result} initialCurves={initialCurves} frameWidth={frameWidthFrom((await cookies()).get(FRAME_WIDTH_COOKIE)?.value)} />
    </>
  );
}
