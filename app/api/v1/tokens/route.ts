import { assertNotTokenCaller, createTokenFor, listTokens } from '@/server/services/api-tokens';
import { route } from '../_lib/handler';

// Every role manages its own tokens (account:manage); a token never gets a role above its owner's.
// GET ?all=1 lists everyone's tokens (admins only).
export const GET = route('account:manage', async ({ principal, req }) => ({
  items: await listTokens(principal, { all: req.nextUrl.searchParams.get('all') === '1' }),
  nextCursor: null,
}));
// Only a signed-in person creates tokens over HTTP: a Bearer call is refused (assertNotTokenCaller).
export const POST = route('account:manage', async ({ principal, json }) => {
  assertNotTokenCaller(principal);
  return createTokenFor(principal, await json());
});
