import { exportFlow } from '@/server/services/flows';
import { route } from '../../../_lib/handler';

export const GET = route<{ id: string }>('flows:read', async ({ params }) => exportFlow(params.id));
