import { createFlow } from '@/server/services/flows';
import { route } from '../../_lib/handler';

// An export is `{ name, description, graph }`: exactly what create accepts.
export const POST = route('flows:write', async ({ principal, json }) => createFlow(principal, await json(), { how: 'import' }));
