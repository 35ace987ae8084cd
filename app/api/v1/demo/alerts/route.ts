import { raiseTestAlert } from '@/server/services/demo';
import { route } from '../../_lib/handler';

export const POST = route('demo:use', async ({ json }) => raiseTestAlert(await json()));
