import { describe, expect, it } from 'vitest';
import { buildSeedFlow, TEST_DEFENDER_CONNECTION_ID as DEF } from '../testing/builders';
import { checkFlow } from '../flow/check';
import { grantAdvice, neededPermissions, permissionGranted, permissionsUsedBy } from './permissions';

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

describe('permissionsUsedBy', () => {
  it('lists the catalog permission of every Defender step on the connection, with the steps', () => {
    const graph = buildSeedFlow();
    const uses = permissionsUsedBy(graph, DEF);
    expect(uses.map((u) => u.permission)).toEqual(['Alert.Read.All', 'Machine.Isolate']);
    expect(uses.find((u) => u.permission === 'Machine.Isolate')?.nodeIds).toHaveLength(1);
    expect(permissionsUsedBy(graph, '00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('unites several graphs (draft and published)', () => {
    const draft = buildSeedFlow();
    const published = { ...draft, nodes: draft.nodes.filter((n) => n.type !== 'defender.isolateMachine') };
    expect(neededPermissions([published], DEF)).toEqual(['Alert.Read.All']);
    expect(neededPermissions([published, draft], DEF)).toEqual(['Alert.Read.All', 'Machine.Isolate']);
  });

  it('says how to fix a missing permission', () => {
    expect(grantAdvice('Machine.Isolate')).toMatch(/Grant Machine\.Isolate .*app registration and grant admin consent/);
  });
});

describe('checkFlow with connection roles', () => {
  const testedAt = '2026-12-01T08:40:12.000Z';

  it('warns (not errors) on each step whose permission the last tested token lacked', () => {
    const graph = buildSeedFlow();
    const result = checkFlow(graph, { connections: [{ id: DEF, name: 'Contoso', testedAt, grantedRoles: ['Alert.ReadWrite.All', 'Machine.Read.All'] }] });
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

  it('says nothing when the token has every role, the connection was never tested, or no roles are known', () => {
    const graph = buildSeedFlow();
    const all = ['Alert.Read.All', 'Machine.Isolate'];
    expect(checkFlow(graph, { connections: [{ id: DEF, name: 'C', testedAt, grantedRoles: all }] }).issues).toEqual([]);
    expect(checkFlow(graph, { connections: [{ id: DEF, name: 'C', testedAt: null, grantedRoles: [] }] }).issues).toEqual([]);
    expect(checkFlow(graph).issues).toEqual([]);
  });
});
