import type { ApiOperation } from '../operation';
import * as artifacts from './artifacts';
import * as compare from './compare';
import * as grants from './grants';
import * as platform from './platform';
import * as registry from './registry';
import * as searchOps from './search';
import * as tracking from './tracking';

/** Every /api/v1 operation; the OpenAPI document and the authorization matrix test read this list. */
export const API_OPERATIONS: ApiOperation[] = [...Object.values(platform), ...Object.values(tracking), ...Object.values(artifacts), ...Object.values(registry), ...Object.values(compare), ...Object.values(grants), searchOps.searchRunsOp, searchOps.getMetricHistoryOp, searchOps.getMetricHistoriesBulkOp];
