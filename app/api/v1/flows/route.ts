import { createFlow, listFlows } from '@/server/services/flows';
import { route } from '../_lib/handler';

export const GET = route('flows:read', async () => ({ items: await listFlows(), nextCursor: null }));
export const POST = route('flows:write', async ({ principal, json }) => createFlow(principal, await json()));
