import { deleteConnection, getConnection, updateConnection } from '@/server/services/connections';
import { route } from '../../_lib/handler';

export const GET = route<{ id: string }>('connections:read', async ({ params }) => getConnection(params.id));
/** Fields sent replace the stored ones; a secret left out or "" is kept, a new value replaces it, null clears it. */
export const PATCH = route<{ id: string }>('connections:write', async ({ principal, params, json }) => updateConnection(principal, params.id, await json()));
/** 409 ConnectionInUse (details.flows) while a draft or published flow uses it. */
export const DELETE = route<{ id: string }>('connections:write', async ({ principal, params }) => {
  await deleteConnection(principal, params.id);
  return undefined;
});
