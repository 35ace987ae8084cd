import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { logUnexpected } from './unexpected';
import { forgetKnownSecrets, rememberSecrets } from '@/server/secrets/known-secrets';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

afterEach(() => forgetKnownSecrets());

describe('logUnexpected', () => {
  it('logs the error with where it happened, a known secret and a bearer token redacted in message and stack', () => {
    const secret = 'smtp-password-Hq7Lw2Xc9Vb';
    rememberSecrets([secret]);
    const out = capture();
    const target = createLogger({ destination: out.stream, readable: false, level: 'info' });
    logUnexpected('action', 'a server action failed unexpectedly', new Error(`relay refused ${secret} (Authorization: Bearer abcdef0123456789)`), target);

    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', part: 'action', msg: 'a server action failed unexpectedly' });
    expect(line.error).toBe('Error: relay refused [redacted] (Authorization: Bearer [redacted])');
    expect(typeof line.stack).toBe('string');
    expect(out.text()).not.toContain(secret);
    expect(out.text()).not.toContain('abcdef0123456789');
  });

  it('logs a thrown non-Error as text', () => {
    const out = capture();
    logUnexpected('sso', 'SSO start failed', 'plain failure', createLogger({ destination: out.stream, readable: false, level: 'info' }));
    expect(JSON.parse(out.text().trim())).toMatchObject({ part: 'sso', error: 'plain failure' });
  });
});
