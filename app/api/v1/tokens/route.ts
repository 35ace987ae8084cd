import { createTokenFor, listTokens } from '@/server/services/api-tokens';
import { route } from '../_lib/handler';

// Every role manages its own tokens (account:manage); a token never gets a role above its owner's.
// GET ?all=1 lists everyone's tokens (admins only).
export const GET = route('account:manage', async ({ principal, req }) => ({
  items: await listTokens(principal, { all: req.nextUrl.searchParams.get('all') === '1' }),
  nextCursor: null,
}));
export const POST = route('account:manage', async ({ principal, json }) => createTokenFor(principal, await json()));
