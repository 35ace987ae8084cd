// Demo tenant helpers: raise a test alert in the Defender simulator behind the demo connection.
import { z } from 'zod';
import { db } from '../db/client';
import { fromZodIssues, ServiceError } from './errors';

export const ZRaiseAlert = z.object({
  severity: z.enum(['Informational', 'Low', 'Medium', 'High'], 'severity must be Informational, Low, Medium or High').default('High'),
  /** Custom alert text (demo and tests: e.g. hostile payloads, since real alert text comes from outside). */
  title: z.string().trim().min(1, 'title must not be empty').max(500, 'title is longer than 500 characters').optional(),
  description: z.string().max(5000, 'description is longer than 5,000 characters').optional(),
});

export async function demoConnection(): Promise<{ id: string; apiBaseUrl: string } | null> {
  const row = await db().connection.findFirst({ where: { kind: 'defender', isDemo: true }, orderBy: { createdAt: 'asc' } });
  if (!row) return null;
  return { id: row.id, apiBaseUrl: String((row.config as Record<string, unknown>).apiBaseUrl) };
}

/** Asks the simulator to raise one alert now; returns its id and title. */
export async function raiseTestAlert(input: unknown): Promise<{ id: string; title: string; severity: string }> {
  const parsed = ZRaiseAlert.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const conn = await demoConnection();
  if (!conn) throw new ServiceError(404, 'NoDemoTenant', 'There is no demo tenant: demo mode is off');
  const res = await fetch(`${conn.apiBaseUrl}/_sim/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(parsed.data),
  });
  if (!res.ok) throw new ServiceError(500, 'SimulatorError', `The demo tenant answered ${res.status}`);
  const alert = z.object({ id: z.string(), title: z.string(), severity: z.string() }).passthrough().parse(await res.json());
  return { id: alert.id, title: alert.title, severity: alert.severity };
}
