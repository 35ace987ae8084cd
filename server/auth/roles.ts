// Roles and what they may do (design.md §6). One place decides; pages, actions and API routes ask it.
export type Role = 'admin' | 'editor' | 'viewer';

export type Permission =
  | 'flows:read'
  | 'flows:write'
  | 'runs:read'
  | 'runs:write'
  | 'connections:read'
  | 'connections:write'
  | 'users:manage'
  | 'settings:manage'
  | 'audit:read'
  | 'system:read'
  | 'account:manage'
  | 'demo:use';

const GRANTS: Record<Role, readonly Permission[]> = {
  // account:manage = your own password, sessions and API tokens.
  viewer: ['flows:read', 'runs:read', 'connections:read', 'account:manage'],
  editor: ['flows:read', 'runs:read', 'connections:read', 'account:manage', 'flows:write', 'runs:write', 'demo:use'],
  admin: [
    'flows:read', 'runs:read', 'connections:read', 'account:manage', 'flows:write', 'runs:write', 'demo:use',
    'connections:write', 'users:manage', 'settings:manage', 'audit:read', 'system:read',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export interface Principal {
  userId: string;
  email: string;
  role: Role;
  via: 'session' | 'token';
  /** Where the request came from, for the audit log ("from where"); absent for system work. */
  ip?: string | null;
  userAgent?: string | null;
}
