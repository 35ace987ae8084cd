// Server-side: connections as the page shows them (no secret values), with the flows using each
// and, for Defender, the permissions those flows need.
import { neededPermissions, permissionKey } from '@/core/defender/permissions';
import { flowsUsingConnection, listConnections, type PublicConnection } from '@/server/services/connections';
import type { ConnectionView } from '@/components/connections/types';

export async function toView(c: PublicConnection): Promise<ConnectionView> {
  const flows = await flowsUsingConnection(c.id);
  const needed =
    c.kind === 'defender'
      ? neededPermissions(flows.flatMap((f) => f.graphs), c.id).map((p) => ({
          api: p.api,
          permission: p.role,
          ...(p.orAnyOf ? { orAnyOf: p.orAnyOf } : {}),
          flows: flows.filter((f) => neededPermissions(f.graphs, c.id).some((n) => permissionKey(n) === permissionKey(p))).map((f) => f.name),
        }))
      : [];
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    isDemo: c.isDemo,
    config: c.config,
    secrets: c.secrets,
    ...(c.cloud ? { cloud: c.cloud } : {}),
    createdAt: c.createdAt,
    lastTest: c.lastTest,
    usedBy: flows.map((f) => f.name),
    needed,
  };
}

export async function listConnectionViews(): Promise<ConnectionView[]> {
  return Promise.all((await listConnections()).map(toView));
}
