import 'server-only';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { modelVersions } from '@/db/schema/registry';
import { decodePageToken, keysetPage } from '@/lib/api/page-token';
import { defineService } from '@/lib/services/define-service';
import { getModelByName } from './access';
import { ListVersionsInput } from './schemas';
import { toVersionViews } from './views';

/** A model's versions, newest first, optionally in one stage; keyset-paged on the version number. */
export const listVersions = defineService({
  name: 'registry.list_versions',
  permission: 'read',
  input: ListVersionsInput,
  async run({ tx }, input) {
    const model = await getModelByName(tx, input.name);
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [eq(modelVersions.modelId, model.id)];
    if (input.stage) where.push(eq(modelVersions.stage, input.stage));
    if (after) where.push(lt(modelVersions.version, Number(after[0])));
    const rows = await tx
      .select()
      .from(modelVersions)
      .where(and(...where))
      .orderBy(desc(modelVersions.version))
      .limit(input.pageSize + 1);
    const { page, nextPageToken } = keysetPage(rows, input.pageSize, (last) => [last.version]);
    return { versions: await toVersionViews(tx, page, model.name), nextPageToken };
  },
});
