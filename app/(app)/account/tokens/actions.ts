'use server';
// Your own API tokens (account:manage, every role). The service enforces the role ceiling and
// that you revoke only your own (admins: anyone's); the secret is returned once, here.
import { revalidatePath } from 'next/cache';
import { createTokenFor, revokeToken, type TokenView } from '@/server/services/api-tokens';
import { authoriseAction } from '../../../_lib/auth';
import { failure, type ActionResult } from '../../../_lib/action-result';

export async function createTokenAction(input: unknown): Promise<ActionResult<TokenView & { token: string }>> {
  const auth = await authoriseAction('account:manage');
  if (!auth.ok) return auth;
  try {
    const created = await createTokenFor(auth.principal, input);
    revalidatePath('/account/tokens');
    return { ok: true, data: created };
  } catch (e) {
    return failure(e, 'The token could not be created.');
  }
}

export async function revokeTokenAction(id: unknown): Promise<ActionResult<TokenView>> {
  const auth = await authoriseAction('account:manage');
  if (!auth.ok) return auth;
  try {
    const revoked = await revokeToken(auth.principal, id);
    revalidatePath('/account/tokens');
    return { ok: true, data: revoked };
  } catch (e) {
    return failure(e, 'The token could not be revoked.');
  }
}
