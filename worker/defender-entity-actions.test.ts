import { beforeEach, describe, expect, it, vi } from 'vitest';

const mde = {
  createAlertByReference: vi.fn(),
  findAlertByMarker: vi.fn(),
  listAlertIps: vi.fn(),
  listAlertFiles: vi.fn(),
  getFileStats: vi.fn(),
};
vi.mock('./mde-clients', () => ({ mdeClientFor: vi.fn(async () => mde) }));

const { defenderEntityActions } = await import('./defender-entity-actions');
const actions = defenderEntityActions((runId) => `[Riposte run ${runId}]`);
const PARAMS = {
  connectionId: 'c1', machineId: 'm1', reportId: '7', eventTime: '2026-01-31T10:30:00Z', severity: 'High', category: 'Execution',
  title: 'Encoded PowerShell', description: 'Seen by the hunt.', recommendedAction: 'Isolate.',
};

beforeEach(() => {
  for (const fn of Object.values(mde)) fn.mockReset();
});

describe('defender.createAlert', () => {
  it('adds the run marker to the description and reports whether Defender merged it', async () => {
    mde.createAlertByReference.mockImplementation(async (input: { description: string }) => ({ id: 'a1', description: input.description }));
    const out = await actions['defender.createAlert']!(PARAMS, { runId: 'r1', resumed: false });
    expect(mde.createAlertByReference).toHaveBeenCalledWith(expect.objectContaining({ machineId: 'm1', description: 'Seen by the hunt.\n\n[Riposte run r1]', recommendedAction: 'Isolate.' }));
    expect(out).toMatchObject({ id: 'a1', merged: false });
    expect(mde.findAlertByMarker).not.toHaveBeenCalled();

    mde.createAlertByReference.mockResolvedValue({ id: 'older', description: 'someone else\'s alert' });
    expect(await actions['defender.createAlert']!(PARAMS, { runId: 'r2', resumed: false })).toMatchObject({ id: 'older', merged: true });
  });

  it('on resume returns the alert the run already created instead of creating another', async () => {
    mde.findAlertByMarker.mockResolvedValue({ id: 'a1', description: 'Seen by the hunt.\n\n[Riposte run r1]' });
    const out = await actions['defender.createAlert']!(PARAMS, { runId: 'r1', resumed: true });
    expect(out).toMatchObject({ id: 'a1', merged: false });
    expect(mde.findAlertByMarker).toHaveBeenCalledWith(expect.objectContaining({ machineId: 'm1', category: 'Execution', marker: '[Riposte run r1]' }));
    expect(mde.createAlertByReference).not.toHaveBeenCalled();
  });

  it('on resume creates the alert when none carries the marker', async () => {
    mde.findAlertByMarker.mockResolvedValue(null);
    mde.createAlertByReference.mockImplementation(async (input: { description: string }) => ({ id: 'a2', description: input.description }));
    expect(await actions['defender.createAlert']!(PARAMS, { runId: 'r3', resumed: true })).toMatchObject({ id: 'a2', merged: false });
  });
});

describe('entity list steps', () => {
  it('return { value, count } plus the plain list of addresses or hashes', async () => {
    mde.listAlertIps.mockResolvedValue([{ id: '198.51.100.7' }, { id: '192.0.2.10' }]);
    expect(await actions['defender.listAlertIps']!({ connectionId: 'c1', alertId: 'a1' }, { runId: 'r', resumed: false })).toEqual({
      value: [{ id: '198.51.100.7' }, { id: '192.0.2.10' }], count: 2, addresses: ['198.51.100.7', '192.0.2.10'],
    });
    mde.listAlertFiles.mockResolvedValue([{ sha1: 'a'.repeat(40), sha256: null }]);
    expect(await actions['defender.listAlertFiles']!({ connectionId: 'c1', alertId: 'a1' }, { runId: 'r', resumed: false })).toMatchObject({ count: 1, sha1s: ['a'.repeat(40)], sha256s: [] });
  });

  it('pass the look-back hours as a number', async () => {
    mde.getFileStats.mockResolvedValue({ sha1: 'x' });
    await actions['defender.getFileStats']!({ connectionId: 'c1', fileId: 'f', lookBackHours: 48 }, { runId: 'r', resumed: false });
    expect(mde.getFileStats).toHaveBeenCalledWith('f', 48);
  });
});

describe('coverage', () => {
  it('implements every entity step the catalog declares, and nothing else', async () => {
    const { CREATE_ALERT_DEFS } = await import('@/core/catalog/defender-create-alert');
    const { ALERT_ENTITY_DEFS } = await import('@/core/catalog/defender-alert-entities');
    const { FILE_DEFS } = await import('@/core/catalog/defender-files');
    const { NETWORK_STATS_DEFS } = await import('@/core/catalog/defender-network-stats');
    const { REMEDIATION_DEFS } = await import('@/core/catalog/defender-remediation');
    const declared = [...CREATE_ALERT_DEFS, ...ALERT_ENTITY_DEFS, ...FILE_DEFS, ...NETWORK_STATS_DEFS, ...REMEDIATION_DEFS].map((d) => d.type);
    expect(Object.keys(actions).sort()).toEqual([...declared, 'defender.listInvestigations'].sort());
  });
});
