import { z } from 'zod';
import { ACTOR_KINDS } from '@/db/schema/audit';

export const AuditEventView = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorKind: z.enum(ACTOR_KINDS),
  tokenId: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  position: z.number().int().nullable().describe('place in the hash chain; null while the event is not sealed yet'),
  prevHash: z.string().nullable(),
  hash: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));
const optionalDate = z
  .union([z.literal(''), z.coerce.date({ message: 'must be an ISO date or date-time' })])
  .optional()
  .transform((v) => (v instanceof Date ? v : undefined));

/** The filter shared by the list, the export and the audit page's URL. */
export const AuditFilter = z
  .object({
    actor: optionalText.describe('actor email (substring match, case-insensitive)'),
    action: optionalText.describe('exact action, or a prefix ending in `.` or `*` such as `user.`'),
    resourceType: optionalText,
    resourceId: optionalText,
    from: optionalDate.describe('earliest occurrence (inclusive)'),
    to: optionalDate.describe('latest occurrence (exclusive)'),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: 'must be after from', path: ['to'] });
export type AuditFilter = z.infer<typeof AuditFilter>;

export const ListAuditEventsInput = z.intersection(
  AuditFilter,
  z.object({
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    pageToken: z.string().optional(),
  }),
);

export const ListAuditEventsOutput = z.object({ events: z.array(AuditEventView), nextPageToken: z.string().nullable() });

export const VerifyAuditChainOutput = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  total: z.number().int(),
  pending: z.number().int().describe('events of transactions still open, not sealed yet'),
  headHash: z.string().nullable(),
  broken: z
    .object({
      position: z.number().int().nullable(),
      seq: z.number().int().nullable(),
      id: z.string().nullable(),
      reason: z.enum(['position_gap', 'broken_link', 'event_missing', 'hash_mismatch', 'unsealed_event']),
      message: z.string(),
    })
    .nullable(),
  ms: z.number(),
});

export const ExportAuditInput = z.intersection(AuditFilter, z.object({ format: z.enum(['csv', 'jsonl']).default('jsonl') }));
