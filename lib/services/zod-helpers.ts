import { z } from 'zod';

/**
 * A boolean that may arrive as JSON `true`/`false` or as a query-string `"true"`/`"false"`/`"1"`/`"0"`.
 * (`z.coerce.boolean()` would read the string "false" as true.)
 */
export const booleanish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' })])
  .transform((v) => v === true || v === 'true' || v === '1');
