import 'server-only';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { users } from '@/db/schema/identity';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError, RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { toUserView, UpdateUserInput } from './schemas';

/**
 * Admin renames, changes the role of, disables or re-enables a user. Disabling takes effect on the
 * user's next request: sessions and tokens are checked against this row every time.
 * The last enabled admin cannot be disabled or demoted, so the console can never lock itself out.
 */
export const updateUser = defineService({
  name: 'users.update',
  permission: 'user.update',
  input: UpdateUserInput,
  async run({ tx, actor }, input) {
    const [current] = await tx.select().from(users).where(eq(users.id, input.id)).for('update');
    if (!current) throw new NotFoundError('User', input.id);

    const losesAdmin = current.role === 'admin' && current.disabledAt === null && ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin) {
      const [{ others }] = await tx
        .select({ others: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, current.id)));
      if (others === 0) throw new RuleViolationError('last_admin', 'This is the last enabled admin: make another admin first.');
    }

    const disabledAt = input.disabled === undefined ? current.disabledAt : input.disabled ? (current.disabledAt ?? new Date()) : null;
    const [row] = await tx
      .update(users)
      .set({ name: input.name ?? current.name, role: input.role ?? current.role, disabledAt, updatedAt: new Date() })
      .where(eq(users.id, input.id))
      .returning();
    const before = toUserView(current);
    const after = toUserView(row);
    const action = input.disabled === true && !before.disabled ? 'user.disable' : input.disabled === false && before.disabled ? 'user.enable' : input.role && input.role !== before.role ? 'user.change_role' : 'user.update';
    await recordAudit(tx, actor, action, { type: 'user', id: row.id }, { before, after });
    return after;
  },
});
