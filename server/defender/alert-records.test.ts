import { describe, expect, it } from 'vitest';
import { buildAlert } from '@/core/testing/builders';
import { usableAlerts, type SkippedAlert } from './alert-records';
import { makeStorable, storableText } from './storable-json';

describe('usableAlerts', () => {
  it('keeps good alerts and reports each unusable record with its reason', () => {
    const skipped: SkippedAlert[] = [];
    const good = buildAlert({ id: 'good' });
    const out = usableAlerts([good, { title: 'no id' }, { id: 'x'.repeat(201) }, { id: 7 }, { id: '  ' }, { id: 'typed', title: 5 }, null], (s) => skipped.push(s));
    expect(out.map((a) => a.id)).toEqual(['good']);
    expect(skipped).toEqual([
      { reason: 'Defender listed an alert with no id; it cannot be tracked or run' },
      { reason: 'Defender listed an alert with an id of 201 characters; it cannot be tracked or run' },
      { reason: 'Defender listed an alert with an id of type number; it cannot be tracked or run' },
      { reason: 'Defender listed an alert with an empty id; it cannot be tracked or run' },
      { alertId: 'typed', reason: expect.stringMatching(/^Defender sent alert typed in an unexpected shape \(title: .+\); no run was started for it$/) },
      { reason: 'Defender listed an alert with no id; it cannot be tracked or run' },
    ]);
  });
});

describe('storable JSON', () => {
  it('replaces NUL and unpaired surrogates with U+FFFD, in values and keys, at any depth', () => {
    expect(storableText('a\u0000b\ud800c\udfffd😀')).toBe('a\ufffdb\ufffdc\ufffdd😀');
    let deep: unknown = ['\u0000'];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => makeStorable(deep)).not.toThrow();
    expect(makeStorable({ 'k\u0000': { list: ['ok', 'x\ud800'] } })).toEqual({ 'k\ufffd': { list: ['ok', 'x\ufffd'] } });
  });
});
