import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminNav } from '@/components/admin/admin-nav';
import { TokensTable } from '@/components/tokens/tokens-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-actor';
import { listTokens } from '@/lib/tokens/list-tokens';
import { revokeAnyTokenAction } from '../actions';

export const metadata: Metadata = { title: 'API tokens · Admin' };

export default async function AdminTokensPage() {
  const actor = await requirePageActor('token.manage');
  const { tokens } = await listTokens(actor, { allUsers: true });
  const active = tokens.filter((t) => t.status === 'active').length;
  return (
    <>
      <PageHeader title="Admin" description="People who can sign in, their roles, and every API token." />
      <AdminNav />
      {tokens.length > 0 ? (
        <>
          <p className="mb-3 text-xs text-muted-foreground">
            {tokens.length} {tokens.length === 1 ? 'token' : 'tokens'}, {active} active, newest first. Revoking one stops it at once; the secret is never shown here.
          </p>
          <TokensTable tokens={tokens} revokeAction={revokeAnyTokenAction} showUser />
        </>
      ) : (
        <EmptyState icon={KeyRound} title="No API tokens yet">
          <p>
            Each person creates their own under{' '}
            <Link className="underline underline-offset-4" href="/settings/tokens">
              Account → API tokens
            </Link>
            ; they all appear here, where you can revoke any of them.
          </p>
        </EmptyState>
      )}
    </>
  );
}
