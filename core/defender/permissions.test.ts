import { describe, expect, it } from 'vitest';
import { buildEdge, buildGraph, buildNode, buildSeedFlow, TEST_DEFENDER_CONNECTION_ID as DEF } from '../testing/builders';
import { checkFlow } from '../flow/check';
import { NODE_CATALOG } from '../catalog/index';
import { grantAdvice, hasPermission, neededPermissions, permissionGranted, permissionsUsedBy, requiredPermission } from './permissions';

const ALL_ACTION_ROLES = ['Machine.Isolate', 'Machine.Scan', 'Machine.CollectForensics', 'Machine.RestrictExecution', 'Machine.StopAndQuarantine', 'Machine.Offboard', 'Machine.LiveResponse'];

/** The seed flow plus a hunting step (Graph unless `api` says mde) and a cancel step on the same connection. */
function huntingFlow(api?: 'graph' | 'mde') {
  const seed = buildSeedFlow();
  const hunt = buildNode('hunt', 'defender.runHuntingQuery', { connectionId: DEF, query: 'DeviceInfo', ...(api ? { api } : {}) });
  const cancel = buildNode('cancel', 'defender.cancelMachineAction', { connectionId: DEF, actionId: 'a1', comment: 'c' });
  return buildGraph([...seed.nodes, hunt, cancel], [...seed.edges, buildEdge('trigger', 'hunt'), buildEdge('hunt', 'cancel')]);
}

describe('permissionGranted', () => {
  it('accepts the exact role, and a ReadWrite role for its Read role only', () => {
    expect(permissionGranted('Machine.Isolate', ['Machine.Isolate'])).toBe(true);
    expect(permissionGranted('Machine.Read.All', ['Machine.ReadWrite.All'])).toBe(true);
    expect(permissionGranted('Alert.Read.All', ['Alert.ReadWrite.All'])).toBe(true);
    expect(permissionGranted('Alert.ReadWrite.All', ['Alert.Read.All'])).toBe(false);
    expect(permissionGranted('Machine.Isolate', ['Machine.ReadWrite.All'])).toBe(false);
    expect(permissionGranted('Ti.ReadWrite.All', ['Ti.ReadWrite'])).toBe(false);
  });
});

describe('requiredPermission', () => {
  it('is the catalog role on the MDE API for plain Defender steps, none for others', () => {
    expect(requiredPermission('defender.isolateMachine', {})).toEqual({ api: 'mde', role: 'Machine.Isolate' });
    expect(requiredPermission('email.send', {})).toBeUndefined();
    expect(requiredPermission('no.such.type', {})).toBeUndefined();
  });

  it('depends on the hunting step’s API: Graph (the default) needs the Graph permission', () => {
    expect(requiredPermission('defender.runHuntingQuery', { query: 'x' })).toEqual({ api: 'graph', role: 'ThreatHunting.Read.All' });
    expect(requiredPermission('defender.runHuntingQuery', { api: 'graph' })).toEqual({ api: 'graph', role: 'ThreatHunting.Read.All' });
    expect(requiredPermission('defender.runHuntingQuery', { api: 'mde' })).toEqual({ api: 'mde', role: 'AdvancedQuery.Read.All' });
    expect(requiredPermission('defender.runHuntingQuery', undefined)).toEqual({ api: 'graph', role: 'ThreatHunting.Read.All' });
  });

  it('lets cancelling a machine action use any machine-action permission', () => {
    const cancel = requiredPermission('defender.cancelMachineAction', {})!;
    expect([cancel.role, ...(cancel.orAnyOf ?? [])].sort()).toEqual([...ALL_ACTION_ROLES].sort());
    for (const role of ALL_ACTION_ROLES) expect(hasPermission(cancel, { mde: [role], graph: [] })).toBe(true);
    expect(hasPermission(cancel, { mde: ['Machine.ReadWrite.All'], graph: ['Machine.Isolate'] })).toBe(false);
  });

  it('declares a permission for every Defender step, on an API the connection has a token for', () => {
    const defender = Object.values(NODE_CATALOG).filter((d) => d.connectionKind === 'defender');
    expect(defender.length).toBeGreaterThan(50);
    for (const def of defender) expect(['mde', 'graph'], def.type).toContain(requiredPermission(def.type, {})?.api);
  });
});

describe('hasPermission', () => {
  it('reads only the token of the permission’s API', () => {
    const graphHunt = { api: 'graph' as const, role: 'ThreatHunting.Read.All' };
    expect(hasPermission(graphHunt, { mde: ['ThreatHunting.Read.All'], graph: [] })).toBe(false);
    expect(hasPermission(graphHunt, { mde: [], graph: ['ThreatHunting.Read.All'] })).toBe(true);
    expect(hasPermission({ api: 'mde', role: 'Machine.Read.All' }, { mde: ['Machine.ReadWrite.All'], graph: [] })).toBe(true);
  });
});

describe('permissionsUsedBy', () => {
  it('lists the permission of every Defender step on the connection, with the steps', () => {
    const graph = buildSeedFlow();
    const uses = permissionsUsedBy(graph, DEF);
    expect(uses.map((u) => u.role)).toEqual(['Alert.Read.All', 'Machine.Isolate']);
    expect(uses.find((u) => u.role === 'Machine.Isolate')).toMatchObject({ api: 'mde', nodeIds: [expect.any(String)] });
    expect(permissionsUsedBy(graph, '00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('keeps the Graph permission apart from the MDE ones, and the cancel step’s alternatives apart from Machine.Isolate', () => {
    const uses = permissionsUsedBy(huntingFlow(), DEF);
    expect(uses.map((u) => [u.api, u.role, u.nodeIds])).toEqual([
      ['mde', 'Alert.Read.All', ['trigger', 'get_alert']],
      ['mde', 'Machine.Isolate', [expect.any(String)]],
      ['mde', 'Machine.Isolate', ['cancel']],
      ['graph', 'ThreatHunting.Read.All', ['hunt']],
    ]);
    expect(permissionsUsedBy(huntingFlow('mde'), DEF).find((u) => u.nodeIds.includes('hunt'))).toMatchObject({ api: 'mde', role: 'AdvancedQuery.Read.All' });
  });

  it('unites several graphs (draft and published)', () => {
    const draft = buildSeedFlow();
    const published = { ...draft, nodes: draft.nodes.filter((n) => n.type !== 'defender.isolateMachine') };
    expect(neededPermissions([published], DEF)).toEqual([{ api: 'mde', role: 'Alert.Read.All' }]);
    expect(neededPermissions([published, draft], DEF)).toEqual([{ api: 'mde', role: 'Alert.Read.All' }, { api: 'mde', role: 'Machine.Isolate' }]);
    expect(neededPermissions([draft, draft], DEF)).toHaveLength(2);
  });

  it('says how to fix a missing permission, naming the API it is granted under', () => {
    expect(grantAdvice({ api: 'mde', role: 'Machine.Isolate' })).toBe('Grant Machine.Isolate (WindowsDefenderATP, application permission) to the app registration and grant admin consent.');
    expect(grantAdvice({ api: 'graph', role: 'ThreatHunting.Read.All' })).toMatch(/^Grant ThreatHunting\.Read\.All \(Microsoft Graph, application permission\) to the app registration and grant admin consent\./);
    expect(grantAdvice({ api: 'mde', role: 'Machine.Isolate', orAnyOf: ['Machine.Scan'] })).toMatch(/^Grant one of Machine\.Isolate, Machine\.Scan \(WindowsDefenderATP/);
  });
});

describe('checkFlow with connection roles', () => {
  const testedAt = '2026-12-01T08:40:12.000Z';

  it('warns (not errors) on each step whose permission the last tested token lacked', () => {
    const graph = buildSeedFlow();
    const result = checkFlow(graph, { connections: [{ id: DEF, name: 'Contoso', testedAt, grantedRoles: { mde: ['Alert.ReadWrite.All', 'Machine.Read.All'], graph: [] } }] });
    expect(result.ok).toBe(true);
    const warnings = result.issues.filter((i) => i.code === 'ConnectionLacksPermission');
    const isolate = graph.nodes.find((n) => n.type === 'defender.isolateMachine')!;
    expect(warnings).toEqual([
      {
        severity: 'warning',
        code: 'ConnectionLacksPermission',
        message: 'Connection "Contoso" lacks Machine.Isolate (tested 2026-12-01 08:40 UTC): this step will fail with 403. Grant the permission and test the connection again.',
        nodeId: isolate.id,
        path: ['connectionId'],
      },
    ]);
  });

  it('compares a Graph hunting step with the Graph token’s roles, an MDE one with the MDE token’s', () => {
    const mdeOnly = { mde: ['Alert.Read.All', 'Machine.Isolate', 'AdvancedQuery.Read.All', 'ThreatHunting.Read.All'], graph: [] };
    const warnings = (g: ReturnType<typeof huntingFlow>, grantedRoles: { mde: string[]; graph: string[] }) =>
      checkFlow(g, { connections: [{ id: DEF, name: 'Contoso', testedAt, grantedRoles }] }).issues.filter((i) => i.code === 'ConnectionLacksPermission');
    expect(warnings(huntingFlow(), mdeOnly)).toEqual([
      expect.objectContaining({ nodeId: 'hunt', message: 'Connection "Contoso" lacks ThreatHunting.Read.All (Microsoft Graph) (tested 2026-12-01 08:40 UTC): this step will fail with 403. Grant the permission and test the connection again.' }),
    ]);
    expect(warnings(huntingFlow(), { mde: ['Alert.Read.All', 'Machine.Isolate'], graph: ['ThreatHunting.Read.All'] })).toEqual([]);
    expect(warnings(huntingFlow('mde'), { mde: ['Alert.Read.All', 'Machine.Isolate'], graph: ['ThreatHunting.Read.All'] }).map((w) => [w.nodeId, w.message])).toEqual([
      ['hunt', expect.stringMatching(/^Connection "Contoso" lacks AdvancedQuery\.Read\.All \(tested/)],
    ]);
    expect(warnings(huntingFlow('mde'), mdeOnly)).toEqual([]);
  });

  it('accepts any machine-action permission for cancel, and names them all when none is there', () => {
    const g = huntingFlow();
    const at = (mde: string[]) => checkFlow(g, { connections: [{ id: DEF, name: 'C', testedAt, grantedRoles: { mde, graph: ['ThreatHunting.Read.All'] } }] }).issues.filter((i) => i.nodeId === 'cancel');
    expect(at(['Alert.Read.All', 'Machine.Isolate'])).toEqual([]);
    expect(at(['Alert.Read.All', 'Machine.Scan'])).toEqual([]);
    expect(at(['Alert.Read.All']).map((i) => i.message)).toEqual([expect.stringMatching(/^Connection "C" has none of Machine\.Isolate, Machine\.Scan, .*Machine\.LiveResponse \(tested/)]);
  });

  it('says nothing when the token has every role, the connection was never tested, or no roles are known', () => {
    const graph = buildSeedFlow();
    const all = { mde: ['Alert.Read.All', 'Machine.Isolate'], graph: [] };
    expect(checkFlow(graph, { connections: [{ id: DEF, name: 'C', testedAt, grantedRoles: all }] }).issues).toEqual([]);
    expect(checkFlow(graph, { connections: [{ id: DEF, name: 'C', testedAt: null, grantedRoles: { mde: [], graph: [] } }] }).issues).toEqual([]);
    expect(checkFlow(graph).issues).toEqual([]);
  });
});
