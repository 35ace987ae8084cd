import { describe, expect, it } from 'vitest';
import { mapRole, type RoleClaims } from './claim-mapping';
import type { MappingRule } from './settings-schema';

const EDITORS = '5b7f2c1e-9a4d-4e2b-8c3f-1d2e3f4a5b6c';
const ADMINS = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const rules: MappingRule[] = [
  { kind: 'group', value: EDITORS, role: 'editor' },
  { kind: 'group', value: ADMINS, role: 'admin' },
  { kind: 'appRole', value: 'Riposte.Viewer', role: 'viewer' },
];
const claims = (over: Partial<RoleClaims> = {}): RoleClaims => ({ groups: [], roles: [], groupsOverage: false, ...over });

describe('mapRole', () => {
  it('maps a group object id (any case) to its role', () => {
    expect(mapRole(claims({ groups: [EDITORS.toUpperCase()] }), rules, null)).toMatchObject({ ok: true, role: 'editor' });
  });
  it('maps an app role value, case-sensitively', () => {
    expect(mapRole(claims({ roles: ['Riposte.Viewer'] }), rules, null)).toMatchObject({ ok: true, role: 'viewer' });
    expect(mapRole(claims({ roles: ['riposte.viewer'] }), rules, null)).toEqual({ ok: false, reason: 'no_matching_rule' });
  });
  it('gives the highest role when several rules match, whatever their order', () => {
    const result = mapRole(claims({ groups: [EDITORS, ADMINS], roles: ['Riposte.Viewer'] }), [...rules].reverse(), null);
    expect(result).toMatchObject({ ok: true, role: 'admin' });
    expect(result.ok && result.matched).toHaveLength(3);
  });
  it('refuses someone matching no rule when the default is refuse', () => {
    expect(mapRole(claims({ groups: ['c0ffee00-1111-4222-8333-444455556666'] }), rules, null)).toEqual({ ok: false, reason: 'no_matching_rule' });
  });
  it('lets someone matching no rule in with the default role when one is set', () => {
    expect(mapRole(claims(), rules, 'viewer')).toEqual({ ok: true, role: 'viewer', matched: [] });
  });
  it('refuses with the overage reason when the groups were left out of the token', () => {
    expect(mapRole(claims({ groupsOverage: true }), rules, 'viewer')).toEqual({ ok: false, reason: 'groups_overage' });
    // Without group rules, an overage does not matter.
    expect(mapRole(claims({ groupsOverage: true, roles: ['Riposte.Viewer'] }), rules, null)).toMatchObject({ ok: true, role: 'viewer' });
    expect(mapRole(claims({ groupsOverage: true }), [rules[2]!], 'editor')).toMatchObject({ ok: true, role: 'editor' });
  });
});
