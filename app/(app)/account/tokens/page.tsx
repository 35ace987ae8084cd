import type { Metadata } from 'next';
import { listTokens, canAssign } from '@/server/services/api-tokens';
import type { Role } from '@/server/auth/roles';
import { TokensManager } from '@/components/tokens/tokens-manager';
import { requirePage } from '../../../_lib/auth';
import { createTokenAction, revokeTokenAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };

const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

export default async function ApiTokensPage() {
  const principal = await requirePage('account:manage');
  const tokens = await listTokens(principal);
  return (
    <TokensManager
      tokens={tokens}
      ownRole={principal.role}
      assignableRoles={ROLES.filter((r) => canAssign(principal.role, r))}
      actions={{ create: createTokenAction, revoke: revokeTokenAction }}
      now={Date.now()}
    />
  );
}
