import type { ApiOperation } from '../operation';
import * as platform from './platform';

/** Every /api/v1 operation; the OpenAPI document and the authorization matrix test read this list. */
export const API_OPERATIONS: ApiOperation[] = [...Object.values(platform)];
