import { publicRoute } from '@/lib/api/v1/api-route';
import { buildOpenApiDocument } from '@/lib/api/v1/openapi';
import { API_OPERATIONS } from '@/lib/api/v1/operations';

// The API description is public, like any published reference; every operation in it requires auth.
export const GET = publicRoute('/api/v1/openapi.json', async () => Response.json(buildOpenApiDocument(API_OPERATIONS)));
