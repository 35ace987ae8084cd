import { describe, expect, it } from 'vitest';
import { publicError } from './public-error';

describe('publicError (what /api/ready may say about a failure)', () => {
  it('names the kind of failure from the driver code, also when wrapped', () => {
    expect(publicError(Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:6379'), { code: 'ECONNREFUSED' }))).toBe('connection refused');
    expect(publicError(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '28P01' }) }))).toBe('authentication failed');
    expect(publicError(new AggregateError([Object.assign(new Error('a'), { code: 'ETIMEDOUT' })]))).toBe('timed out');
  });

  it('never repeats a connection string, password, address or host name', () => {
    const leaks = [
      publicError(new Error('cannot reach postgresql://riposte:hunter2@db.internal.example:5432/riposte')),
      publicError(new Error('getaddrinfo failed for redis.internal.example:6380 at 10.20.30.40:6380')),
      publicError(new Error('password authentication failed for user "riposte"')),
    ].join(' ');
    expect(leaks).not.toMatch(/hunter2|db\.internal|redis\.internal|10\.20\.30\.40|riposte:/);
    expect(leaks).toContain('authentication failed');
  });

  it('keeps a harmless message readable', () => {
    expect(publicError(new Error('timed out after 2000 ms'))).toBe('timed out after 2000 ms');
  });
});
