import 'server-only';
import { users } from '@/db/schema/identity';
import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import { defineService } from '@/lib/services/define-service';
import { CreateUserInput, toUserView } from './schemas';

/** Admin creates an account. The password is hashed before the transaction and never audited. */
export const createUser = defineService({
  name: 'users.create',
  permission: 'user.create',
  input: CreateUserInput,
  async run({ tx, actor }, input) {
    const passwordHash = await hashPassword(input.password);
    const [row] = await tx.insert(users).values({ email: input.email, name: input.name, role: input.role, passwordHash }).returning();
    const view = toUserView(row);
    await recordAudit(tx, actor, 'user.create', { type: 'user', id: row.id }, { after: view });
    return view;
  },
});
