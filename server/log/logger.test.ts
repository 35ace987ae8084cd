import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, logFor, readableLine } from './logger';
import { forgetKnownSecrets, rememberSecrets } from '@/server/secrets/known-secrets';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () => chunks.join('').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines };
}

afterEach(() => forgetKnownSecrets());

describe('logger', () => {
  it('a line about a run step carries run, flow, node and connection ids, and a known secret is redacted', () => {
    const secret = 'client-secret-Zq8vN3kLmP0wXy7';
    rememberSecrets([secret]);
    const out = capture();
    const root = createLogger({ destination: out.stream, readable: false, level: 'info' });
    logFor({ runId: 'run-1', flowId: 'flow-1', nodeId: 'node-1', connectionId: 'conn-1' }, root).warn({ detail: `token ${secret}` }, `step failed with ${secret}`);

    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'warn', runId: 'run-1', flowId: 'flow-1', nodeId: 'node-1', connectionId: 'conn-1' });
    expect(JSON.stringify(line)).not.toContain(secret);
    expect(line.msg).toContain('step failed with');
    expect(line.detail).toContain('token');
  });

  it('leaves unset ids out and honours the level', () => {
    const out = capture();
    const root = createLogger({ destination: out.stream, readable: false, level: 'warn' });
    logFor({ runId: 'run-2', nodeId: undefined }, root).info('hidden');
    logFor({ runId: 'run-2', nodeId: undefined }, root).error('shown');
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'shown', runId: 'run-2' });
    expect(lines[0]).not.toHaveProperty('nodeId');
  });

  it('the readable form keeps the message text and the fields', () => {
    const text = readableLine(JSON.stringify({ time: '2026-12-01T13:00:00.000Z', level: 'info', msg: 'worker started', pid: 1, runId: 'r1' }));
    expect(text).toBe('13:00:00.000 INFO  worker started runId=r1');
  });
});
