import { z } from 'zod';
import { ExportAuditInput, ListAuditEventsInput, ListAuditEventsOutput, VerifyAuditChainOutput } from '@/lib/audit/schemas';
import { CreateTokenInput, CreateTokenOutput, ListTokensInput, ListTokensOutput, RevokeTokenInput, TokenView } from '@/lib/tokens/schemas';
import { MeOutput } from '@/lib/users/get-me';
import { CreateUserInput, ListUsersInput, ListUsersOutput, UpdateUserInput, UserView } from '@/lib/users/schemas';
import { operation } from '../operation';

export const getMeOp = operation({ id: 'getMe', method: 'GET', path: '/me', tag: 'identity', summary: 'The calling user or token, its role and permissions', permission: 'self.read', output: MeOutput });

export const listUsersOp = operation({ id: 'listUsers', method: 'GET', path: '/users', tag: 'identity', summary: 'List users', permission: 'user.read', input: ListUsersInput, output: ListUsersOutput });
export const createUserOp = operation({ id: 'createUser', method: 'POST', path: '/users', tag: 'identity', summary: 'Create a user', permission: 'user.create', input: CreateUserInput, output: UserView, status: 201 });
export const updateUserOp = operation({
  id: 'updateUser',
  method: 'PATCH',
  path: '/users/{id}',
  tag: 'identity',
  summary: 'Rename a user, change their role, disable or enable them',
  permission: 'user.update',
  input: UpdateUserInput,
  output: UserView,
});

export const listTokensOp = operation({ id: 'listTokens', method: 'GET', path: '/tokens', tag: 'identity', summary: 'List your API tokens (allUsers=true: every user’s, admins only)', permission: 'self.read', input: ListTokensInput, output: ListTokensOutput });
export const createTokenOp = operation({ id: 'createToken', method: 'POST', path: '/tokens', tag: 'identity', summary: 'Create a personal API token; the secret is returned once', permission: 'token.create', input: CreateTokenInput, output: CreateTokenOutput, status: 201 });
export const revokeTokenOp = operation({ id: 'revokeToken', method: 'DELETE', path: '/tokens/{id}', tag: 'identity', summary: 'Revoke an API token at once', permission: 'token.revoke', input: RevokeTokenInput, output: TokenView });

export const listAuditEventsOp = operation({ id: 'listAuditEvents', method: 'GET', path: '/audit/events', tag: 'audit', summary: 'Audit events, newest first, filtered and paginated', permission: 'audit.read', input: ListAuditEventsInput, output: ListAuditEventsOutput });
export const exportAuditEventsOp = operation({
  id: 'exportAuditEvents',
  method: 'GET',
  path: '/audit/export',
  tag: 'audit',
  summary: 'Stream every event matching the filter as CSV or JSON Lines',
  permission: 'audit.export',
  input: ExportAuditInput,
  produces: ['text/csv', 'application/x-ndjson'],
});
export const verifyAuditChainOp = operation({ id: 'verifyAuditChain', method: 'GET', path: '/audit/verify', tag: 'audit', summary: 'Verify the hash chain; reports OK or the first broken event', permission: 'audit.read', input: z.object({}), output: VerifyAuditChainOutput });
