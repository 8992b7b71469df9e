import { publicRoute } from '@/lib/api/v1/api-route';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. */
export const GET = publicRoute('/api/health', async () => Response.json({ status: 'ok' }));
