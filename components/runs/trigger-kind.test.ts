import { describe, expect, it } from 'vitest';
import { runTitle, triggerKindLabel, versionLabel } from './trigger-kind';

describe('trigger kind labels', () => {
  it('names every trigger kind', () => {
    expect(['alert', 'manual', 'schedule'].map(triggerKindLabel)).toEqual(['Alert', 'Manual', 'Schedule']);
    expect(triggerKindLabel('constructor')).toBe('constructor');
  });
  it('titles runs by alert, else by how they started', () => {
    expect(runTitle({ triggerKind: 'manual', summary: { title: 'Suspicious PowerShell' } })).toBe('Suspicious PowerShell');
    expect(runTitle({ triggerKind: 'schedule', summary: null })).toBe('Scheduled run');
    expect(runTitle({ triggerKind: 'manual', summary: {} })).toBe('Manual run');
    expect(runTitle({ triggerKind: 'alert', summary: null })).toBe('Alert');
  });
  it('labels draft snapshots as draft', () => {
    expect(versionLabel(3)).toBe('v3');
    expect(versionLabel(-2)).toBe('draft');
  });
});
