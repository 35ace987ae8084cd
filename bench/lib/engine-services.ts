// The engine benchmark's outside world, in a process of its own so its CPU is measured apart from
// Riposte's: the Defender simulator (rate limits off, machine actions finish at once, so every
// isolate is a fresh action) and an SMTP sink that accepts and counts every message (it plays the
// SOC's mail server; real SMTP on the wire, nothing stored). Driven by the parent over IPC.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createSimulator } from '@/simulator';
import { raiseAlert, resetState } from '@/simulator/state';

export type ServicesCommand = { kind: 'raise'; count: number; alertCreationTime: string } | { kind: 'stats' } | { kind: 'reset' };
export type ServicesRequest = ServicesCommand & { id: number };

export interface ServicesStats {
  isolations: number;
  /** Isolate actions whose comment carries the same run marker as an earlier one (must be 0). */
  duplicateIsolations: number;
  emails: number;
  /** Times (ms) the alert list was served: the poller's queries. */
  alertListCalls: number[];
}

const root = path.resolve(import.meta.dirname, '../..');
const tlsDir = path.join(root, '.riposte', 'tls');
const simPort = Number(process.env.BENCH_SIM_PORT ?? 3653);
const smtpPort = Number(process.env.BENCH_SMTP_PORT ?? 2735);

const simulator = createSimulator({
  port: simPort,
  tls: { cert: readFileSync(path.join(tlsDir, 'cert.pem')), key: readFileSync(path.join(tlsDir, 'key.pem')) },
  tenantId: String(process.env.BENCH_TENANT_ID),
  clientId: String(process.env.BENCH_CLIENT_ID),
  clientSecret: String(process.env.BENCH_CLIENT_SECRET),
  rateLimitPerMinute: 0,
  alertIntervalMs: 0,
  actionLatencyMs: 0,
});
await simulator.start();

let emails = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 500,
  onData(stream, _session, callback) {
    stream.on('end', () => {
      emails++;
      callback();
    });
    stream.resume();
  },
});
await new Promise<void>((resolve, reject) => {
  smtp.once('error', reject);
  smtp.listen(smtpPort, '127.0.0.1', () => resolve());
});

function stats(): ServicesStats {
  const markers = new Set<string>();
  let isolations = 0;
  let duplicateIsolations = 0;
  for (const a of simulator.state.actions) {
    if (a.type !== 'Isolate') continue;
    isolations++;
    const marker = /\[Riposte run [^\]]+\]/.exec(a.requestorComment)?.[0] ?? a.id;
    if (markers.has(marker)) duplicateIsolations++;
    markers.add(marker);
  }
  return { isolations, duplicateIsolations, emails, alertListCalls: [...simulator.state.alertListCalls] };
}

process.on('message', (raw) => {
  const msg = raw as ServicesRequest;
  if (msg.kind === 'raise') {
    // As the poller sees them: list results carry no evidence (B.6).
    const alerts = Array.from({ length: msg.count }, () => {
      const { evidence: _evidence, ...alert } = raiseAlert(simulator.state, { severity: 'High', alertCreationTime: msg.alertCreationTime });
      return alert;
    });
    process.send?.({ id: msg.id, alerts });
  } else if (msg.kind === 'stats') {
    process.send?.({ id: msg.id, stats: stats() });
  } else if (msg.kind === 'reset') {
    resetState(simulator.state);
    emails = 0;
    process.send?.({ id: msg.id, ok: true });
  }
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.send?.({ ready: true, simulatorUrl: simulator.url, smtpPort });
