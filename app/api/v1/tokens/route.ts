import { createTokenFor } from '@/server/services/api-tokens';
import { route } from '../_lib/handler';

// Any signed-in user may create a token for themselves (never above their own role).
export const POST = route('flows:read', async ({ principal, json }) => createTokenFor(principal, await json()));
