// Which MDE application permissions a flow needs from a connection, and whether a token's
// `roles` claim covers them. Pure: the caller passes the graph and the roles it knows.
import { getNodeType } from '../catalog/index';
import type { TDraftGraph } from '../flow/schema';

/**
 * Whether the granted roles cover one required permission. A ReadWrite role covers the
 * matching Read role (MDE lists both as accepted, e.g. "API required roles:
 * Machine.Read.All,Machine.ReadWrite.All"); nothing else is implied.
 */
export function permissionGranted(required: string, granted: readonly string[]): boolean {
  if (granted.includes(required)) return true;
  const readWrite = required.replace(/\.Read\.All$/, '.ReadWrite.All');
  return readWrite !== required && granted.includes(readWrite);
}

export interface PermissionUse {
  permission: string;
  /** The steps (node ids) that need it. */
  nodeIds: string[];
}

/** Every Defender permission the graph's steps using `connectionId` need, sorted by name. */
export function permissionsUsedBy(graph: Pick<TDraftGraph, 'nodes'>, connectionId: string): PermissionUse[] {
  const byPermission = new Map<string, string[]>();
  for (const node of graph.nodes) {
    if (node.params?.connectionId !== connectionId) continue;
    const permission = getNodeType(node.type)?.permission;
    if (!permission) continue;
    byPermission.set(permission, [...(byPermission.get(permission) ?? []), node.id]);
  }
  return [...byPermission.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([permission, nodeIds]) => ({ permission, nodeIds }));
}

/** Union of the permissions several graphs need (a flow's draft and published version). */
export function neededPermissions(graphs: Pick<TDraftGraph, 'nodes'>[], connectionId: string): string[] {
  return [...new Set(graphs.flatMap((g) => permissionsUsedBy(g, connectionId).map((u) => u.permission)))].sort();
}

/** How to fix a missing permission, in the words of the Entra admin center. */
export function grantAdvice(permission: string): string {
  return `Grant ${permission} (WindowsDefenderATP, application permission) to the app registration and grant admin consent.`;
}
