// First start: the admin from env, and in demo mode the demo tenant, the demo outbox and the
// template flow. Idempotent: safe to run on every start and from several processes.
import { db, type Prisma } from '../db/client';
import { env } from '../env';
import { ensureAdminFromEnv } from './users';
import { randomBytes } from 'node:crypto';
import { createConnection, loadDefenderConnection } from './connections';
import { signalConnectionChanged } from '../queue/connection-changes';
import { sealJson } from '../crypto/secrets';
import { buildSeedFlowGraph, SEED_FLOW_NAME } from '@/core/testing/builders';

export interface DemoSettings {
  simulatorUrl: string;
  smtpPort: number;
  /** The local Teams/Slack webhook capture (https://localhost:<port>); absent: no demo channels. */
  webhookPort?: number;
}

export const DEMO_TENANT_ID = '4f1c0d2e-7a55-4c1b-9d8e-0000000d3e10';
export const DEMO_CLIENT_ID = 'b3f2a1c0-5e4d-4c3b-a291-00000000d3e0';

export interface DemoCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Demo mode is on when asked, or (auto) when no real Defender connection exists. */
export async function demoModeWanted(): Promise<boolean> {
  const mode = env().RIPOSTE_DEMO;
  if (['on', 'true', '1'].includes(mode)) return true;
  if (['off', 'false', '0'].includes(mode)) return false;
  return (await db().connection.count({ where: { kind: 'defender', isDemo: false } })) === 0;
}

async function ensureDemoConnections(demo: DemoSettings): Promise<{ defenderId: string; smtpId: string }> {
  let defender = await db().connection.findFirst({ where: { kind: 'defender', isDemo: true } });
  if (!defender) {
    const created = await createConnection(
      null,
      {
        kind: 'defender', name: 'Demo tenant', tenantId: DEMO_TENANT_ID, clientId: DEMO_CLIENT_ID,
        // A fresh random secret per installation; the simulator is started with it.
        clientSecret: randomBytes(24).toString('base64url'), apiBaseUrl: demo.simulatorUrl, authorityHost: demo.simulatorUrl,
        graphBaseUrl: demo.simulatorUrl,
      },
      { isDemo: true },
    );
    defender = await db().connection.findUniqueOrThrow({ where: { id: created.id } });
  } else if (
    (defender.config as Record<string, unknown>).apiBaseUrl !== demo.simulatorUrl ||
    (defender.config as Record<string, unknown>).graphBaseUrl !== demo.simulatorUrl
  ) {
    // SIM_PORT changed since the demo tenant was created (or it predates Graph hunting): follow it.
    const config = { ...(defender.config as Record<string, unknown>), apiBaseUrl: demo.simulatorUrl, authorityHost: demo.simulatorUrl, graphBaseUrl: demo.simulatorUrl };
    await db().connection.update({ where: { id: defender.id }, data: { config } });
    await signalConnectionChanged(defender.id);
  }
  let smtp = await db().connection.findFirst({ where: { kind: 'smtp', isDemo: true } });
  if (!smtp) {
    const created = await createConnection(
      null,
      { kind: 'smtp', name: 'Demo outbox', host: '127.0.0.1', port: demo.smtpPort, tlsMode: 'none', from: 'riposte@localhost' },
      { isDemo: true },
    );
    smtp = await db().connection.findUniqueOrThrow({ where: { id: created.id } });
  }
  if (demo.webhookPort !== undefined) {
    await ensureDemoChannel('teams', 'Demo Teams channel', demo.webhookPort);
    await ensureDemoChannel('slack', 'Demo Slack channel', demo.webhookPort);
  }
  return { defenderId: defender.id, smtpId: smtp.id };
}

/** A demo webhook connection posting to the local capture (Outbox → Teams & Slack); follows its port. */
async function ensureDemoChannel(service: 'teams' | 'slack', name: string, port: number): Promise<void> {
  const url = `https://localhost:${port}/${service}/soc`;
  const existing = (await db().connection.findMany({ where: { kind: 'webhook', isDemo: true } })).find(
    (c) => (c.config as Record<string, unknown>).service === service,
  );
  if (!existing) {
    await createConnection(null, { kind: 'webhook', name, service, url }, { isDemo: true });
  } else if ((existing.config as Record<string, unknown>).host !== `localhost:${port}`) {
    await db().connection.update({ where: { id: existing.id }, data: { config: { service, host: `localhost:${port}` }, secret: sealJson({ url }) } });
  }
}

async function ensureTemplateFlow(ids: { defenderId: string; smtpId: string }): Promise<void> {
  if ((await db().flow.count({ where: { name: SEED_FLOW_NAME } })) > 0) return;
  const graph = buildSeedFlowGraph({ defenderConnectionId: ids.defenderId, smtpConnectionId: ids.smtpId, socEmail: env().RIPOSTE_SOC_EMAIL });
  await db().flow.create({
    data: {
      name: SEED_FLOW_NAME,
      description: 'Built-in template: isolate the device of every High severity alert and email the SOC.',
      graph: graph as unknown as Prisma.InputJsonValue,
    },
  });
}

/** Returns the demo tenant's credentials (for starting the simulator) when demo mode is on. */
export async function bootstrap(demo: DemoSettings | null): Promise<DemoCredentials | null> {
  await ensureAdminFromEnv();
  if (!demo) return null;
  const ids = await ensureDemoConnections(demo);
  await ensureTemplateFlow(ids);
  const conn = await loadDefenderConnection(ids.defenderId);
  return { tenantId: conn.tenantId, clientId: conn.clientId, clientSecret: conn.clientSecret };
}
