import { describe, expect, it } from 'vitest';
import { MIN_BAR_WIDTH, retriedSteps, tickInterval, timelineLayout, type TimelineStep } from './timeline-layout';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, 0) + ms).toISOString();
const step = (nodeId: string, seq: number, from: number, to: number, extra: Partial<TimelineStep> = {}): TimelineStep => ({
  nodeId, iteration: '', status: 'succeeded', attempt: 1, seq, startedAt: at(from), finishedAt: at(to), ...extra,
});

describe('timelineLayout', () => {
  it('places one bar per step in % of the run span, in execution order', () => {
    const layout = timelineLayout({
      steps: [step('b', 2, 1000, 3000), step('a', 1, 0, 1000), step('skip', 3, 3000, 3000, { status: 'skipped' })],
      runStart: at(0), runEnd: at(4000), now: at(9999),
    });
    expect(layout.spanMs).toBe(4000);
    expect(layout.rows.map((r) => r.nodeId)).toEqual(['a', 'b']);
    expect(layout.rows[0]?.bars[0]).toMatchObject({ left: 0, width: 25, durationMs: 1000 });
    expect(layout.rows[1]?.bars[0]).toMatchObject({ left: 25, width: 50, durationMs: 2000 });
    expect(layout.ticks.map((t) => t.label)).toEqual(['0 s', '1 s', '2 s', '3 s', '4 s']);
  });

  it('gives a tiny step a visible bar and marks a retried step with its attempt', () => {
    const layout = timelineLayout({ steps: [step('a', 1, 0, 1, { attempt: 3 }), step('b', 2, 1, 10_000, { attempt: 3 })], runStart: at(0), runEnd: at(10_000), now: at(10_000) });
    expect(layout.rows[0]?.bars[0]?.width).toBe(MIN_BAR_WIDTH);
    expect(layout.rows[0]).toMatchObject({ attempts: 3, retried: true });
    // b ran once, after a (already on attempt 3): not a retry.
    expect(layout.rows[1]).toMatchObject({ attempts: 3, retried: false });
  });

  it('a run resumed after a delay moves on to attempt 2 without retrying anything', () => {
    const steps = [
      step('get', 1, 0, 100),
      step('pause', 2, 100, 4100, { attempt: 2, pauses: true }),
      step('note', 3, 4100, 4110, { attempt: 2 }),
      step('mail', 4, 4110, 9000, { attempt: 3 }),
    ];
    expect([...retriedSteps(steps)]).toEqual(['mail\u0000']);
  });

  it('puts every loop item of a node on its row and spans them', () => {
    const layout = timelineLayout({
      steps: [step('body', 2, 0, 1000, { iteration: '0' }), step('body', 2, 1000, 2000, { iteration: '1', status: 'failed' })],
      runStart: at(0), runEnd: at(2000), now: at(2000),
    });
    expect(layout.rows).toHaveLength(1);
    expect(layout.rows[0]?.bars.map((b) => [b.iteration, b.status])).toEqual([['0', 'succeeded'], ['1', 'failed']]);
    expect(layout.rows[0]?.spanMs).toBe(2000);
  });

  it('a running run ends its axis now and draws the executing node as an open bar', () => {
    const layout = timelineLayout({ steps: [step('a', 1, 0, 1000)], runStart: at(0), runEnd: null, now: at(4000), liveNodeIds: ['b'] });
    expect(layout.spanMs).toBe(4000);
    const live = layout.rows.find((r) => r.nodeId === 'b');
    expect(live).toMatchObject({ live: true, bars: [{ status: 'running', left: 25, width: 75 }] });
  });

  it('a step waiting in an open run (a delay, an approval) waits until now', () => {
    const layout = timelineLayout({ steps: [step('a', 1, 0, 1000), step('pause', 2, 1000, 1000, { status: 'waiting' })], runStart: at(0), runEnd: null, now: at(5000) });
    expect(layout.rows[1]).toMatchObject({ live: true, bars: [{ status: 'waiting', left: 20, width: 80 }] });
  });
});

describe('tickInterval', () => {
  it('picks a readable interval for any span', () => {
    expect(tickInterval(450)).toBe(100);
    expect(tickInterval(113)).toBe(50);
    expect(tickInterval(4000)).toBe(1000);
    expect(tickInterval(95_000)).toBe(30_000);
    expect(tickInterval(3 * 3_600_000)).toBe(3_600_000);
  });
});
