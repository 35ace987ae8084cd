// CLI entry: `tsx simulator/main.ts`. Configured by environment so start scripts and
// demo mode can launch it like any other service.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createSimulator } from './create-simulator';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`[simulator] ${name} must be a non-negative integer, got '${raw}'`);
    process.exit(1);
  }
  return value;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`[simulator] ${name} is required (set SIM_TENANT_ID, SIM_CLIENT_ID and SIM_CLIENT_SECRET)`);
    process.exit(1);
  }
  return value;
}

function readPem(envName: string, fallback: string): Buffer {
  const file = path.resolve(process.env[envName] || fallback);
  try {
    return readFileSync(file);
  } catch {
    console.error(`[simulator] cannot read ${file} (${envName}); run scripts/ensure-tls.sh first`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const tenantId = requiredEnv('SIM_TENANT_ID');
  const clientId = requiredEnv('SIM_CLIENT_ID');
  const clientSecret = requiredEnv('SIM_CLIENT_SECRET');
  const simulator = createSimulator({
    port: intEnv('SIM_PORT', 3443),
    tls: { cert: readPem('SIM_TLS_CERT', '.riposte/tls/cert.pem'), key: readPem('SIM_TLS_KEY', '.riposte/tls/key.pem') },
    tenantId,
    clientId,
    clientSecret,
    alertIntervalMs: intEnv('SIM_ALERT_INTERVAL_MS', 60_000),
    rateLimitPerMinute: intEnv('SIM_RATE_LIMIT_PER_MINUTE', 100),
  });
  await simulator.start();
  console.log(`[simulator] Defender simulator listening on ${simulator.url} (tenant ${tenantId}, authority ${simulator.url}/${tenantId})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[simulator] ${signal} received, stopping`);
    simulator.stop().then(() => process.exit(0), (error: unknown) => {
      console.error('[simulator] stop failed', error);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('[simulator] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
