// Deduplicate: a first sighting continues on "out"; a duplicate takes "duplicate", and with
// nothing connected there the rest of the run is skipped and the run still succeeds.
import { describe, expect, it } from 'vitest';
import { checkFlow } from '../flow/check';
import type { TExecutableGraph } from '../flow/schema';
import { createFakePorts } from '../testing/fake-ports';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildAlert, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { executeRun } from './execute';

const result = checkFlow(
  buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
      buildNode('once', 'control.deduplicate', { key: '{{ trigger.machineId }}', windowMinutes: 30 }),
      buildNode('tell', 'email.send', { connectionId: SMTP, to: 'soc@x.test', subject: 'New machine {{ once.key }}', body: 'x' }),
    ],
    [buildEdge('trigger', 'once'), buildEdge('once', 'tell')],
  ),
);
if (!result.ok) throw new Error(JSON.stringify(result.issues));
const graph: TExecutableGraph = result.graph;

async function run(duplicate: boolean) {
  const ports = createFakePorts({
    'control.deduplicate': (p) => ({ duplicate, key: p.key, firstRunId: 'r-1', expiresAt: '2026-01-15T10:30:00.000Z' }),
    'email.send': () => ({ messageId: '<m@x>', accepted: ['soc@x.test'] }),
  });
  const outcome = await executeRun({ graph, trigger: buildAlert({ machineId: 'm-42' }), previous: new Map(), attempt: 1, finalAttempt: false, ports });
  return { outcome, ports };
}

describe('Deduplicate', () => {
  it('continues on a first sighting with the key as a token', async () => {
    const { outcome, ports } = await run(false);
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(ports.invocations.map((i) => [i.nodeId, i.params.key ?? i.params.subject])).toEqual([
      ['once', 'm-42'],
      ['tell', 'New machine m-42'],
    ]);
  });

  it('skips the rest for a duplicate and the run succeeds', async () => {
    const { outcome, ports } = await run(true);
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['once']);
    expect(ports.steps.find((s) => s.nodeId === 'tell')?.status).toBe('skipped');
  });
});
