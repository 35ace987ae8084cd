import { describe, expect, it } from 'vitest';
import { handleOnSuccess, handleTaken } from './handles';

describe('handleTaken', () => {
  it('reads the branch a condition took from its recorded result', () => {
    expect(handleTaken({ type: 'control.condition', status: 'succeeded', output: { result: true, trace: {} } }, 'condition')).toBe('true');
    expect(handleTaken({ type: 'control.condition', status: 'succeeded', output: { result: false } }, 'condition')).toBe('false');
  });

  it('reads the case a switch matched, or its default', () => {
    expect(handleTaken({ type: 'control.switch', status: 'succeeded', output: { value: 'High', matched: 'High' } }, 'control')).toBe('case:High');
    expect(handleTaken({ type: 'control.switch', status: 'succeeded', output: { value: 'x', matched: null } }, 'control')).toBe('default');
  });

  it('a failed step takes its error branch; skipped, waiting and retrying steps took none yet', () => {
    expect(handleTaken({ type: 'defender.isolateMachine', status: 'failed', output: null }, 'action')).toBe('error');
    for (const status of ['skipped', 'waiting', 'running']) {
      expect(handleTaken({ type: 'defender.isolateMachine', status, output: null }, 'action')).toBeUndefined();
    }
  });

  it('loops, dedup, approvals and plain steps', () => {
    expect(handleOnSuccess('control.forEach', 'control', { count: 2 })).toBe('done');
    expect(handleOnSuccess('control.deduplicate', 'control', { duplicate: true })).toBe('duplicate');
    expect(handleOnSuccess('control.deduplicate', 'control', { duplicate: false })).toBe('out');
    expect(handleOnSuccess('control.approval', 'control', { outcome: 'approved' })).toBe('approved');
    expect(handleOnSuccess('control.approval', 'control', { outcome: 'rejected' })).toBe('rejected');
    expect(handleTaken({ type: 'defender.alertCreated', status: 'succeeded', output: null }, 'trigger')).toBe('out');
    expect(handleOnSuccess('defender.getAlert', 'action', { id: 'a' })).toBe('out');
  });
});
