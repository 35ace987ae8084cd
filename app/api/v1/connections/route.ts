import { createConnection, listConnections } from '@/server/services/connections';
import { route } from '../_lib/handler';

export const GET = route('connections:read', async () => ({ items: await listConnections() }));
export const POST = route('connections:write', async ({ principal, json }) => createConnection(principal, await json()));
