// Which application permissions a flow needs from a Defender connection, and whether a token's
// `roles` claim covers them. Two APIs, two tokens: the MDE API (WindowsDefenderATP permissions)
// and Microsoft Graph (hunting through runHuntingQuery). Pure: the caller passes the graph and
// the roles it knows.
import { getNodeType } from '../catalog/index';
import type { PermissionApi, StepPermission } from '../catalog/types';
import type { TDraftGraph } from '../flow/schema';

export type { PermissionApi, StepPermission } from '../catalog/types';

/** The roles claims of a connection's two tokens, as the last "Test connection" read them. */
export interface GrantedRoles {
  mde: readonly string[];
  graph: readonly string[];
}

export const NO_ROLES: GrantedRoles = Object.freeze({ mde: [], graph: [] });

/** How the Entra admin center names the API a permission is added under. */
export const API_NAMES: Readonly<Record<PermissionApi, string>> = { mde: 'WindowsDefenderATP', graph: 'Microsoft Graph' };

/**
 * Whether the granted roles cover one required role. A ReadWrite role covers the matching Read
 * role (MDE lists both as accepted, e.g. "API required roles: Machine.Read.All,Machine.ReadWrite.All");
 * nothing else is implied.
 */
export function permissionGranted(required: string, granted: readonly string[]): boolean {
  if (granted.includes(required)) return true;
  const readWrite = required.replace(/\.Read\.All$/, '.ReadWrite.All');
  return readWrite !== required && granted.includes(readWrite);
}

/** Every role that satisfies the permission (any one is enough). */
export function acceptedRoles(p: StepPermission): string[] {
  return [p.role, ...(p.orAnyOf ?? [])];
}

/** Whether the token of the permission's API carries a role that satisfies it. */
export function hasPermission(p: StepPermission, granted: GrantedRoles): boolean {
  return acceptedRoles(p).some((r) => permissionGranted(r, granted[p.api]));
}

/** The permission a step of this type with these params needs; undefined for non-Defender steps. */
export function requiredPermission(type: string, params: Record<string, unknown> | undefined): StepPermission | undefined {
  const def = getNodeType(type);
  if (def?.permissionFor) return def.permissionFor(params ?? {});
  if (typeof def?.permission === 'string') return { api: 'mde', role: def.permission };
  return def?.permission;
}

/** One key per distinct requirement (the same role through another API, or with alternatives, differs). */
export function permissionKey(p: StepPermission): string {
  return [p.api, ...acceptedRoles(p)].join(':');
}

/** Sentence fragment for what a token lacks: "lacks Machine.Isolate", "has none of A, B". */
export function lacksText(p: StepPermission): string {
  const where = p.api === 'graph' ? ' (Microsoft Graph)' : '';
  return p.orAnyOf?.length ? `has none of ${acceptedRoles(p).join(', ')}${where}` : `lacks ${p.role}${where}`;
}

export interface PermissionUse extends StepPermission {
  /** The steps (node ids) that need it. */
  nodeIds: string[];
}

function byApiThenRole(a: StepPermission, b: StepPermission): number {
  const api = a.api === b.api ? 0 : a.api === 'mde' ? -1 : 1;
  return api || a.role.localeCompare(b.role) || permissionKey(a).localeCompare(permissionKey(b));
}

/** Every permission the graph's steps using `connectionId` need: MDE ones first, each sorted by name. */
export function permissionsUsedBy(graph: Pick<TDraftGraph, 'nodes'>, connectionId: string): PermissionUse[] {
  const byKey = new Map<string, PermissionUse>();
  for (const node of graph.nodes) {
    if (node.params?.connectionId !== connectionId) continue;
    const p = requiredPermission(node.type, node.params);
    if (!p) continue;
    const key = permissionKey(p);
    const use = byKey.get(key) ?? { ...p, nodeIds: [] };
    use.nodeIds.push(node.id);
    byKey.set(key, use);
  }
  return [...byKey.values()].sort(byApiThenRole);
}

/** Union of the permissions several graphs need (a flow's draft and published version). */
export function neededPermissions(graphs: Pick<TDraftGraph, 'nodes'>[], connectionId: string): StepPermission[] {
  const byKey = new Map<string, StepPermission>();
  for (const use of graphs.flatMap((g) => permissionsUsedBy(g, connectionId))) {
    const p: StepPermission = { api: use.api, role: use.role, ...(use.orAnyOf ? { orAnyOf: use.orAnyOf } : {}) };
    byKey.set(permissionKey(p), p);
  }
  return [...byKey.values()].sort(byApiThenRole);
}

/** How to fix a missing permission, in the words of the Entra admin center. */
export function grantAdvice(p: StepPermission): string {
  const roles = p.orAnyOf?.length ? `one of ${acceptedRoles(p).join(', ')}` : p.role;
  return `Grant ${roles} (${API_NAMES[p.api]}, application permission) to the app registration and grant admin consent.`;
}
