// Starts a simulator in-process on a random port with the repo's localhost certificate,
// for contract tests. The certificate must already be trusted through
// NODE_EXTRA_CA_CERTS, which Node only reads at process start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSimulator, type Simulator, type SimulatorOptions } from './create-simulator';

export const TEST_TENANT_ID = '4b2462a4-bbee-495a-a0e1-f23ae524cc9c';
export const TEST_CLIENT_ID = '9b2d0c9e-6a47-4d5e-8f1c-3c2b1a0f9e8d';
export const TEST_CLIENT_SECRET = 'sim~Secret.Value-0123456789';

function tlsFile(name: string): Buffer {
  const file = fileURLToPath(new URL(`../.riposte/tls/${name}`, import.meta.url));
  try {
    return readFileSync(file);
  } catch {
    throw new Error(`Missing ${file}: run scripts/ensure-tls.sh and start the tests with NODE_EXTRA_CA_CERTS=${file.replace(/key\.pem$/, 'cert.pem')}`);
  }
}

/** Fails fast with the fix, instead of every test failing with an opaque "fetch failed". */
function assertCertTrusted(cert: Buffer): void {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  let trusted = false;
  try {
    trusted = !!extra && readFileSync(extra, 'utf8').includes(cert.toString('utf8').trim());
  } catch {
    trusted = false;
  }
  if (!trusted) {
    throw new Error(`NODE_EXTRA_CA_CERTS (${extra ?? 'unset'}) does not contain the simulator certificate: start vitest with NODE_EXTRA_CA_CERTS=$PWD/.riposte/tls/cert.pem`);
  }
}

export async function startTestSimulator(overrides: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const cert = tlsFile('cert.pem');
  assertCertTrusted(cert);
  const simulator = createSimulator({
    port: 0,
    tls: { cert, key: tlsFile('key.pem') },
    tenantId: TEST_TENANT_ID,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    ...overrides,
  });
  await simulator.start();
  return simulator;
}

/** Small JSON helper for the /_sim/ admin endpoints. */
export async function simAdmin<T = unknown>(sim: Simulator, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
