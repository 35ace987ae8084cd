import { testConnection } from '@/server/services/connection-test';
import { route } from '../../../_lib/handler';

export const POST = route<{ id: string }>('connections:write', async ({ params, principal }) => testConnection(params.id, principal));
