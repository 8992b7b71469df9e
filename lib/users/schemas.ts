import { z } from 'zod';
import { ROLES } from '@/db/schema/identity';
import { booleanish } from '@/lib/services/zod-helpers';

export const RoleSchema = z.enum(ROLES);

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }));

export const PasswordSchema = z.string().min(12, 'must be at least 12 characters').max(200, 'must be at most 200 characters');

export const UserView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const CreateUserInput = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1, 'is required').max(200),
  role: RoleSchema,
  password: PasswordSchema,
});

export const UpdateUserInput = z
  .object({
    id: z.uuid({ message: 'must be a user id' }),
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.disabled !== undefined, { message: 'nothing to change: give name, role or disabled' });

export const ListUsersInput = z.object({
  q: z.string().trim().max(200).optional(),
  role: RoleSchema.optional(),
  includeDisabled: booleanish.default(true),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  pageToken: z.string().optional(),
});

export const ListUsersOutput = z.object({ users: z.array(UserView), nextPageToken: z.string().nullable() });

export function toUserView(row: { id: string; email: string; name: string; role: z.infer<typeof RoleSchema>; disabledAt: Date | null; createdAt: Date }): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
