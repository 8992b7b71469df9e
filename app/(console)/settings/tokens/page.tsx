import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/tokens/create-token-form';
import { TokensTable } from '@/components/tokens/tokens-table';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-actor';
import { listTokens } from '@/lib/tokens/list-tokens';
import { createTokenAction, revokeOwnTokenAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };

export default async function SettingsTokensPage() {
  const actor = await requirePageActor('token.create');
  const { tokens } = await listTokens(actor, {});
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Personal tokens for the REST API (<code className="font-mono text-xs">Authorization: Bearer …</code>). A token acts as you, with your role ({actor.role}), limited to its scopes.
          </>
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Create token</CardTitle>
          <CardDescription>Give it a name that says where it is used, so you know what breaks when you revoke it.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm action={createTokenAction} />
        </CardContent>
      </Card>
      <h2 className="mb-2 text-sm font-semibold">Your tokens</h2>
      {tokens.length > 0 ? (
        <TokensTable tokens={tokens} revokeAction={revokeOwnTokenAction} />
      ) : (
        <EmptyState icon={KeyRound} title="You have no API tokens yet">
          <p>Create one above to call the REST API from scripts and CI jobs.</p>
        </EmptyState>
      )}
    </>
  );
}
