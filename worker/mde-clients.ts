// One MDE client per Defender connection per process, rebuilt when the connection changes.
// The client (and MSAL inside it) caches tokens until they expire.
import { createMdeClient } from '@/server/defender/mde-client';
import { loadDefenderConnection } from '@/server/services/connections';

export type MdeClient = ReturnType<typeof createMdeClient>;

const clients = new Map<string, { key: string; client: MdeClient; loadedAt: number }>();
const RELOAD_MS = 30_000;

export async function mdeClientFor(connectionId: string): Promise<MdeClient> {
  const cached = clients.get(connectionId);
  if (cached && Date.now() - cached.loadedAt < RELOAD_MS) return cached.client;
  const conn = await loadDefenderConnection(connectionId);
  const key = JSON.stringify([conn.tenantId, conn.clientId, conn.clientSecret, conn.apiBaseUrl, conn.authorityHost, conn.graphBaseUrl]);
  if (cached && cached.key === key) {
    cached.loadedAt = Date.now();
    return cached.client;
  }
  const client = createMdeClient(conn);
  clients.set(connectionId, { key, client, loadedAt: Date.now() });
  return client;
}
