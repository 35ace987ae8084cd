import { describe, expect, it } from 'vitest';
import { edgeColourOnRun, NODE_STATUSES, statusStyle, toNodeStatus } from './step-status';

describe('step status colours', () => {
  it('gives each status its own colour and a text label', () => {
    const fills = NODE_STATUSES.map((s) => statusStyle(s).fill);
    expect(new Set(fills).size).toBe(NODE_STATUSES.length);
    expect(statusStyle('succeeded')).toMatchObject({ label: 'Succeeded', fill: 'bg-emerald-500' });
    expect(statusStyle('failed')).toMatchObject({ label: 'Failed', fill: 'bg-red-500' });
    expect(statusStyle('running')).toMatchObject({ label: 'Running', fill: 'bg-sky-500' });
    expect(statusStyle('waiting')).toMatchObject({ label: 'Waiting', fill: 'bg-amber-500' });
    expect(statusStyle('skipped').label).toBe('Skipped');
    expect(statusStyle(undefined).label).toBe('Not reached');
  });

  it('maps unknown statuses to not reached', () => {
    expect(toNodeStatus('queued')).toBe('not_reached');
    expect(toNodeStatus('bogus')).toBe('not_reached');
  });

  it('draws taken edges in the colour of where they lead, error edges red, others faint', () => {
    expect(edgeColourOnRun(true, 'succeeded', 'out')).toBe('#10b981');
    expect(edgeColourOnRun(true, 'running', 'true')).toBe('#0ea5e9');
    expect(edgeColourOnRun(true, 'succeeded', 'error')).toBe('#ef4444');
    expect(edgeColourOnRun(false, 'succeeded', 'out')).toBe('#cbd5e1');
  });
});
