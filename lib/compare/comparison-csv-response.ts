import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { comparisonCsv, TRUNCATED_HEADER } from './comparison-csv';
import { getComparison } from './get-comparison';
import type { GetComparisonInput } from './schemas';

/** The comparison the actor may read (by run ids, or every run matching a filter, up to 1,000) as a CSV download. */
export async function comparisonCsvResponse(actor: Actor, input: GetComparisonInput): Promise<Response> {
  const data = await getComparison(actor, input);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(comparisonCsv(data), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="modelkeep-comparison-${data.runs.length}-runs-${stamp}.csv"`,
      'cache-control': 'no-store',
      [TRUNCATED_HEADER]: String(data.truncated),
    },
  });
}
