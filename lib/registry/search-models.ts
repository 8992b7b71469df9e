import 'server-only';
import { and, asc, gt, ilike, type SQL } from 'drizzle-orm';
import { registeredModels } from '@/db/schema/registry';
import { decodePageToken, keysetPage } from '@/lib/api/page-token';
import { defineService } from '@/lib/services/define-service';
import { escapeLike } from '@/lib/services/escape-like';
import { SearchModelsInput } from './schemas';
import { toModelViews } from './views';

/** Models by name (case-insensitive substring), in name order, keyset-paged on the name. */
export const searchModels = defineService({
  name: 'registry.search_models',
  permission: 'read',
  input: SearchModelsInput,
  async run({ tx }, input) {
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [];
    if (input.q) where.push(ilike(registeredModels.name, `%${escapeLike(input.q)}%`));
    if (after) where.push(gt(registeredModels.name, String(after[0])));
    const rows = await tx
      .select()
      .from(registeredModels)
      .where(and(...where))
      .orderBy(asc(registeredModels.name))
      .limit(input.pageSize + 1);
    const { page, nextPageToken } = keysetPage(rows, input.pageSize, (last) => [last.name]);
    return { models: await toModelViews(tx, page), nextPageToken };
  },
});
