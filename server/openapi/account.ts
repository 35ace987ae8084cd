// Signing in and API tokens: what an automation needs to authenticate.
import { ZLogin } from '@/server/services/users';
import { ZCreateToken } from '@/server/services/api-tokens';
import { listOf } from './shared';
import { ZLoginOut, ZTokenCreated, ZTokenOut } from './responses';
import type { ApiArea } from './types';

export const accountArea: ApiArea = {
  tag: 'Authentication',
  description: 'Sign in with a session cookie, or create an API token and send Authorization: Bearer <token>.',
  operations: [
    {
      method: 'POST', path: '/api/v1/auth/login', summary: 'Sign in', description: 'Sets the riposte_session cookie. Same-origin only.',
      access: 'public', body: ZLogin, success: { status: 200, description: 'Signed in', schema: ZLoginOut }, errors: [401, 403],
    },
    { method: 'POST', path: '/api/v1/auth/logout', summary: 'Sign out', description: 'Ends the caller\'s session. Same-origin only.', access: 'public', success: { status: 204, description: 'Signed out' }, errors: [403] },
    {
      method: 'GET', path: '/api/v1/tokens', summary: 'List your API tokens', description: 'Query all=1 lists everyone\'s tokens (admins only).',
      access: 'account:manage', success: { status: 200, description: 'Tokens (never the secret)', schema: listOf(ZTokenOut) },
    },
    {
      method: 'POST', path: '/api/v1/tokens', summary: 'Create an API token', description: 'The role defaults to yours and cannot be higher. The token is shown only in this response. Needs a session: a Bearer token is refused (403), so a token cannot mint another.',
      access: 'account:manage', body: ZCreateToken, success: { status: 200, description: 'The token', schema: ZTokenCreated }, errors: [403],
    },
    { method: 'DELETE', path: '/api/v1/tokens/{id}', summary: 'Revoke an API token', description: 'Your own (admins: anyone\'s). Someone else\'s is 404.', access: 'account:manage', success: { status: 200, description: 'The revoked token', schema: ZTokenOut }, errors: [404] },
  ],
};
