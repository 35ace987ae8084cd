import { revokeToken } from '@/server/services/api-tokens';
import { route } from '../../_lib/handler';

// Revoke: your own token (admins: anyone's). Someone else's token is 404, not 403, so ids do not leak.
export const DELETE = route<{ id: string }>('account:manage', async ({ principal, params }) => revokeToken(principal, params.id));
