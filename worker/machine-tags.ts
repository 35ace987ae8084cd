// "New alert" filters (and steps) may read the alert's machine tags, which the MDE alert entity
// does not carry. When an enabled flow on the connection mentions `machineTags`, the poller adds
// them to each alert it has not seen yet, with one machine lookup per distinct machine; flows that
// never use them cost no extra call.
import { db } from '@/server/db/client';
import type { MdeAlert } from '@/server/defender/entities';
import type { TExecutableGraph } from '@/core/flow/schema';
import type { MdeClient } from './mde-clients';

const mentions = new WeakMap<TExecutableGraph, boolean>();

/** Whether a graph reads machine tags anywhere (computed once per pinned graph). */
export function usesMachineTags(graph: TExecutableGraph): boolean {
  let known = mentions.get(graph);
  if (known === undefined) {
    known = JSON.stringify(graph.nodes.map((n) => n.params)).includes('machineTags');
    mentions.set(graph, known);
  }
  return known;
}

/** Adds `machineTags` to the alerts not yet seen on this connection (a failed lookup leaves them unset). */
export async function addMachineTags(client: MdeClient, connectionId: string, alerts: MdeAlert[]): Promise<void> {
  const ids = [...new Set(alerts.map((a) => a.id))];
  if (ids.length === 0) return;
  const seen = new Set(
    (await db().seenAlert.findMany({ where: { connectionId, alertId: { in: ids } }, select: { alertId: true } })).map((s) => s.alertId),
  );
  const fresh = alerts.filter((a) => !seen.has(a.id) && typeof a.machineId === 'string' && a.machineId !== '');
  const tags = new Map<string, string[] | undefined>();
  for (const machineId of new Set(fresh.map((a) => a.machineId as string))) {
    try {
      tags.set(machineId, (await client.getMachine(machineId)).machineTags ?? []);
    } catch {
      tags.set(machineId, undefined);
    }
  }
  for (const a of fresh) {
    const t = tags.get(a.machineId as string);
    if (t !== undefined) (a as MdeAlert & { machineTags?: string[] }).machineTags = t;
  }
}
