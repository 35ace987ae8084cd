import { describe, expect, it } from 'vitest';
import { connectionChoices } from './connection-choices';
import { buildSeedFlowGraph } from '@/core/testing/builders';

const graph = () => buildSeedFlowGraph({ defenderConnectionId: '00000000-0000-4000-8000-000000000001', smtpConnectionId: '00000000-0000-4000-8000-000000000002', socEmail: 'soc@x.test' });

describe('connectionChoices', () => {
  it('lists each output with its connections and the steps it may still connect to', () => {
    const choices = connectionChoices(graph(), 'is_high');
    expect(choices.map((c) => c.handle)).toEqual(['true', 'false']);
    const yes = choices.find((c) => c.handle === 'true')!;
    expect(yes.connected.map((c) => c.nodeId)).toEqual(['isolate']);
    // "yes" already leads somewhere, so it offers nothing more; "no" may go to a later step.
    expect(yes.candidates).toEqual([]);
    const no = choices.find((c) => c.handle === 'false')!;
    expect(no.candidates.map((c) => c.nodeId).sort()).toEqual(['isolate', 'notify_soc']);
  });

  it('never offers the trigger, the step itself or a loop', () => {
    const [next, onError] = connectionChoices(graph(), 'isolate');
    expect(next!.handle).toBe('out');
    expect(onError!.handle).toBe('error');
    for (const c of [next!, onError!]) {
      const ids = c.candidates.map((x) => x.nodeId);
      expect(ids).not.toContain('trigger');
      expect(ids).not.toContain('isolate');
      expect(ids).not.toContain('get_alert');
    }
  });
});
