import 'server-only';
import { and, asc, eq, gt, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { users } from '@/db/schema/identity';
import { decodePageToken, keysetPage } from '@/lib/api/page-token';
import { defineService } from '@/lib/services/define-service';
import { escapeLike } from '@/lib/services/escape-like';
import { ListUsersInput, toUserView } from './schemas';

export const listUsers = defineService({
  name: 'users.list',
  permission: 'user.read',
  input: ListUsersInput,
  async run({ tx }, input) {
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [];
    if (input.q) where.push(or(ilike(users.email, `%${escapeLike(input.q)}%`), ilike(users.name, `%${escapeLike(input.q)}%`)));
    if (input.role) where.push(eq(users.role, input.role));
    if (!input.includeDisabled) where.push(isNull(users.disabledAt));
    if (after) where.push(gt(users.email, String(after[0])));
    const rows = await tx
      .select()
      .from(users)
      .where(and(...where))
      .orderBy(asc(users.email))
      .limit(input.pageSize + 1);
    const { page, nextPageToken } = keysetPage(rows, input.pageSize, (last) => [last.email]);
    return { users: page.map(toUserView), nextPageToken };
  },
});
