import { changeUserRoleAction, setUserDisabledAction } from '@/app/(console)/admin/actions';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { UserView } from '@/lib/users/schemas';
import { RoleForm } from './role-form';

export function UsersTable({ users, roles, currentUserId }: { users: UserView[]; roles: readonly string[]; currentUserId: string | null }) {
  return (
    <Table aria-label="Users">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Created (UTC)</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <UserRow key={user.id} user={user} roles={roles} isSelf={user.id === currentUserId} />
        ))}
      </TableBody>
    </Table>
  );
}

function UserRow({ user, roles, isSelf }: { user: UserView; roles: readonly string[]; isSelf: boolean }) {
  const disabling = !user.disabled;
  return (
    <TableRow data-testid="user-row" className={user.disabled ? 'text-muted-foreground' : undefined}>
      <TableCell className="font-medium">
        {user.email}
        {isSelf ? <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span> : null}
      </TableCell>
      <TableCell>{user.name}</TableCell>
      <TableCell className="py-1.5">
        <RoleForm action={changeUserRoleAction.bind(null, user.id)} email={user.email} role={user.role} roles={roles} />
      </TableCell>
      <TableCell>{user.disabled ? <Badge variant="secondary">disabled</Badge> : <Badge variant="success">enabled</Badge>}</TableCell>
      <TableCell>
        <DateTime value={user.createdAt} />
      </TableCell>
      <TableCell className="py-1.5 text-right">
        <ConfirmAction
          action={setUserDisabledAction.bind(null, user.id, disabling)}
          label={disabling ? 'Disable' : 'Enable'}
          ariaLabel={`${disabling ? 'Disable' : 'Enable'} ${user.email}`}
          title={disabling ? `Disable ${user.email}?` : `Enable ${user.email}?`}
          description={
            disabling
              ? `${isSelf ? 'You will be signed out at once. ' : ''}Their sessions end at once and their API tokens stop working. Nothing they created is deleted; you can enable them again later.`
              : 'They can sign in again with their password, and their unrevoked, unexpired API tokens work again.'
          }
          confirmLabel={disabling ? 'Disable user' : 'Enable user'}
          destructive={disabling}
        />
      </TableCell>
    </TableRow>
  );
}
