import { publicRoute } from '@/lib/api/v1/api-route';
import { checkReadiness } from '@/lib/observability/readiness';

export const dynamic = 'force-dynamic';

/** Readiness: the database answers and every committed migration is applied. */
export const GET = publicRoute('/api/ready', async () => {
  const report = await checkReadiness();
  return Response.json(report, { status: report.ready ? 200 : 503 });
});
