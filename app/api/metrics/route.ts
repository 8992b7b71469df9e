import { publicRoute } from '@/lib/api/v1/api-route';
import { metrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus scrape endpoint. Set METRICS_TOKEN to require `Authorization: Bearer <METRICS_TOKEN>`. */
export const GET = publicRoute('/api/metrics', async (request) => {
  const expected = process.env.METRICS_TOKEN;
  if (expected && request.headers.get('authorization') !== `Bearer ${expected}`) return new Response('unauthorized\n', { status: 401 });
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
});
