import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import { canConnect } from './connect-rules';

const seed = buildSeedFlow();

describe('canConnect', () => {
  it('accepts a new branch on the free "no" handle', () => {
    expect(canConnect(seed, { source: 'is_high', sourceHandle: 'false', target: 'notify_soc' })).toEqual({ ok: true });
  });

  it('lets "next" fan out to several steps', () => {
    expect(canConnect(seed, { source: 'get_alert', sourceHandle: 'out', target: 'notify_soc' }).ok).toBe(true);
  });

  it.each([
    ['an edge into the trigger', { source: 'get_alert', sourceHandle: 'out', target: 'trigger' }, /into the trigger/],
    ['a self-loop', { source: 'isolate', sourceHandle: 'out', target: 'isolate' }, /itself/],
    ['a cycle', { source: 'notify_soc', sourceHandle: 'out', target: 'get_alert' }, /loop/],
    ['a duplicate', { source: 'trigger', sourceHandle: 'out', target: 'get_alert' }, /already connected/],
    ['a handle the type lacks', { source: 'trigger', sourceHandle: 'error', target: 'isolate' }, /no "on error" output/],
    ['a second "yes" edge', { source: 'is_high', sourceHandle: 'true', target: 'notify_soc' }, /"yes" branch already/],
    ['a missing node', { source: 'ghost', sourceHandle: 'out', target: 'isolate' }, /no longer exists/],
  ])('refuses %s with a reason', (_name, req, reason) => {
    const result = canConnect(seed, req);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('allows an "on error" edge from an action', () => {
    expect(canConnect(seed, { source: 'isolate', sourceHandle: 'error', target: 'notify_soc' }).ok).toBe(true);
  });
});
