// Demo tenant helpers: raise a test alert in the Defender simulator behind the demo connection.
import { z } from 'zod';
import { db } from '../db/client';
import { badRequest, ServiceError } from './errors';

export const ZRaiseAlert = z.object({ severity: z.enum(['Informational', 'Low', 'Medium', 'High']).default('High') });

export async function demoConnection(): Promise<{ id: string; apiBaseUrl: string } | null> {
  const row = await db().connection.findFirst({ where: { kind: 'defender', isDemo: true }, orderBy: { createdAt: 'asc' } });
  if (!row) return null;
  return { id: row.id, apiBaseUrl: String((row.config as Record<string, unknown>).apiBaseUrl) };
}

/** Asks the simulator to raise one alert now; returns its id and title. */
export async function raiseTestAlert(input: unknown): Promise<{ id: string; title: string; severity: string }> {
  const parsed = ZRaiseAlert.safeParse(input);
  if (!parsed.success) throw badRequest('severity must be Informational, Low, Medium or High');
  const conn = await demoConnection();
  if (!conn) throw new ServiceError(404, 'NoDemoTenant', 'There is no demo tenant: demo mode is off');
  const res = await fetch(`${conn.apiBaseUrl}/_sim/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ severity: parsed.data.severity }),
  });
  if (!res.ok) throw new ServiceError(500, 'SimulatorError', `The demo tenant answered ${res.status}`);
  const alert = z.object({ id: z.string(), title: z.string(), severity: z.string() }).passthrough().parse(await res.json());
  return { id: alert.id, title: alert.title, severity: alert.severity };
}
