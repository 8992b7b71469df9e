import { UserRoundSearch, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AdminNav } from '@/components/admin/admin-nav';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { UserFilters } from '@/components/admin/user-filters';
import { UsersTable } from '@/components/admin/users-table';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { isAppError } from '@/lib/errors';
import { listUsers } from '@/lib/users/list-users';
import { createUserAction } from '../actions';
import { ForwardPager } from '@/components/ui/forward-pager';

export const metadata: Metadata = { title: 'Users · Admin' };

const PAGE_SIZE = 50;

type SearchParams = Promise<{ q?: string; role?: string; after?: string }>;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor('user.read');
  const params = await searchParams;
  const q = params.q?.trim().slice(0, 200) ?? '';
  const role = (ROLES as readonly string[]).includes(params.role ?? '') ? (params.role as Role) : undefined;
  const filtered = q !== '' || role !== undefined;
  const query = (extra: Record<string, string>) => `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), ...(role ? { role } : {}), ...extra })}`;
  const page = await listUsers(actor, { q: q || undefined, role, pageSize: PAGE_SIZE, pageToken: params.after }).catch((e: unknown) => {
    // A stale or hand-edited cursor starts the list over instead of failing the page.
    if (isAppError(e) && e.code === 'invalid_page_token') redirect(query({}));
    throw e;
  });
  const { users, nextPageToken } = page;

  return (
    <>
      <PageHeader title="Admin" description="People who can sign in, their roles, and every API token." />
      <AdminNav />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Create user</CardTitle>
          <CardDescription>The person signs in with this email and initial password. Roles decide what they may change; everyone signed in may read.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateUserForm action={createUserAction} roles={ROLES} />
        </CardContent>
      </Card>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <UserFilters q={q} role={role ?? ''} roles={ROLES} />
        <p className="text-xs text-muted-foreground">
          {users.length} {users.length === 1 ? 'user' : 'users'}, sorted by email{nextPageToken ? '; more on the next page' : ''}
        </p>
      </div>
      {users.length > 0 ? (
        <UsersTable users={users} roles={ROLES} currentUserId={actor.userId} />
      ) : filtered ? (
        <EmptyState icon={UserRoundSearch} title="No users match these filters">
          <p>Try another part of the email or name, or <Link className="underline underline-offset-4" href="/admin/users">clear the filters</Link>.</p>
        </EmptyState>
      ) : (
        <EmptyState icon={Users} title="No users yet">
          <p>Create the first account with the form above.</p>
        </EmptyState>
      )}
      <ForwardPager firstHref={params.after ? query({}) : null} nextHref={nextPageToken ? query({ after: nextPageToken }) : null} />
    </>
  );
}
