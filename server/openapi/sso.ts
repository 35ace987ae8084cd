// Single sign-on with Microsoft Entra ID (docs/sso.md): browser redirects, not for automation.
import { z } from 'zod';
import type { ApiArea } from './types';

export const ssoArea: ApiArea = {
  tag: 'Single sign-on',
  description: 'The browser side of Entra ID sign-in: PKCE authorization-code flow. API clients use API tokens instead.',
  operations: [
    { method: 'GET', path: '/api/v1/auth/sso/status', summary: 'Whether single sign-on is offered', access: 'public', success: { status: 200, description: 'On or off', schema: z.looseObject({ enabled: z.boolean() }) } },
    { method: 'GET', path: '/api/v1/auth/sso/start', summary: 'Start an Entra ID sign-in', description: 'Redirects to the identity provider (or back to /login with an error code).', access: 'public', success: { status: 302, description: 'Redirect to the authority' } },
    { method: 'GET', path: '/api/v1/auth/sso/callback', summary: 'Entra ID sign-in callback', description: 'Checks state, nonce and the id token, maps the groups to a role and signs in; redirects to /dashboard or /login?sso_error=…', access: 'public', success: { status: 302, description: 'Redirect into the app or to the login page' } },
  ],
};
