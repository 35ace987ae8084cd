// Every area of the REST API, in the order the reference shows them. A new route file needs one
// entry in its area's list (or a new area here); tests/integration/openapi.test.ts names any
// route or method that is missing.
import { accountArea } from './account';
import { adminArea } from './admin';
import { ssoArea } from './sso';
import { connectionsArea } from './connections';
import { flowsArea } from './flows';
import { runsArea } from './runs';
import { systemArea } from './system';
import type { ApiArea, ApiOperation } from './types';

export const API_AREAS: ApiArea[] = [flowsArea, runsArea, connectionsArea, accountArea, ssoArea, adminArea, systemArea];

export function allOperations(): (ApiOperation & { tag: string })[] {
  return API_AREAS.flatMap((a) => a.operations.map((o) => ({ ...o, tag: a.tag })));
}
