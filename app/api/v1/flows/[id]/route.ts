import { deleteFlow, getFlow, updateDraft } from '@/server/services/flows';
import { route } from '../../_lib/handler';

export const GET = route<{ id: string }>('flows:read', async ({ params }) => getFlow(params.id));
export const PUT = route<{ id: string }>('flows:write', async ({ principal, params, json }) => updateDraft(principal, params.id, await json()));
export const DELETE = route<{ id: string }>('flows:write', async ({ principal, params }) => deleteFlow(principal, params.id));
