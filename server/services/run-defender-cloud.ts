// Which Defender cloud a run's alert came from: the hosts of the Defender connection of the run's
// pinned trigger, so links into the portal (the run page, Teams cards) open the right one
// (core/defender/portal.ts: GCC High and DoD have their own portals).
import { z } from 'zod';
import { db } from '../db/client';

export interface DefenderHosts {
  apiBaseUrl?: string;
  graphBaseUrl?: string;
}

/** The Defender connection of the pinned graph's trigger (it fetched the alert). */
export function triggerConnectionOf(graph: unknown): string | null {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return null;
  for (const n of nodes as { type?: unknown; params?: { connectionId?: unknown } }[]) {
    const id = n.params?.connectionId;
    if (typeof n.type === 'string' && n.type.startsWith('defender.alert') && typeof id === 'string' && z.string().uuid().safeParse(id).success) return id;
  }
  return null;
}

/** The run's Defender hosts, or null (no Defender trigger, e.g. a schedule: the commercial portal). */
export async function runDefenderHosts(runId: string): Promise<DefenderHosts | null> {
  const run = await db().run.findUnique({ where: { id: runId }, select: { flowVersion: { select: { graph: true } }, flow: { select: { triggerConnectionId: true } } } });
  if (!run) return null;
  const connectionId = triggerConnectionOf(run.flowVersion.graph) ?? run.flow.triggerConnectionId;
  if (!connectionId) return null;
  const connection = await db().connection.findUnique({ where: { id: connectionId }, select: { kind: true, config: true } });
  return connection?.kind === 'defender' ? (connection.config as DefenderHosts) : null;
}
