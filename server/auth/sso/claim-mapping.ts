// Entra groups and app roles → a Riposte role. Pure, so every rule is unit-tested.
// Several rules may match one person: the highest role wins (admin > editor > viewer), so adding
// someone to a more powerful group is never masked by an older, weaker rule.
import type { Role } from '../roles';
import type { MappingRule } from './settings-schema';

export interface RoleClaims {
  /** Group object ids from the `groups` claim. */
  groups: string[];
  /** App role values from the `roles` claim. */
  roles: string[];
  /** Entra sends `_claim_names.groups` instead of `groups` when a user is in too many groups. */
  groupsOverage: boolean;
}

export type RoleMapping =
  | { ok: true; role: Role; matched: MappingRule[] }
  | { ok: false; reason: 'no_matching_rule' | 'groups_overage' };

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

function matches(rule: MappingRule, claims: RoleClaims): boolean {
  // Object ids are GUIDs: compare without case. App role values are case-sensitive in Entra.
  if (rule.kind === 'group') return claims.groups.some((g) => g.toLowerCase() === rule.value.toLowerCase());
  return claims.roles.includes(rule.value);
}

export function mapRole(claims: RoleClaims, rules: MappingRule[], defaultRole: Role | null): RoleMapping {
  const matched = rules.filter((r) => matches(r, claims));
  if (matched.length > 0) {
    const role = matched.reduce<Role>((best, r) => (RANK[r.role] > RANK[best] ? r.role : best), matched[0]!.role);
    return { ok: true, role, matched };
  }
  // Group rules cannot be judged without the groups: refuse with the reason rather than let
  // the default decide for someone who may well be in a mapped group.
  if (claims.groupsOverage && rules.some((r) => r.kind === 'group')) return { ok: false, reason: 'groups_overage' };
  if (defaultRole) return { ok: true, role: defaultRole, matched: [] };
  return { ok: false, reason: 'no_matching_rule' };
}
