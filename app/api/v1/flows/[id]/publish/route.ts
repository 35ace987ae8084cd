import { publishFlow } from '@/server/services/flows';
import { route } from '../../../_lib/handler';

export const POST = route<{ id: string }>('flows:write', async ({ principal, params }) => publishFlow(principal, params.id));
