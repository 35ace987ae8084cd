// The catalogue of audit actions: every action string passed to audit() anywhere in server/ and
// app/ is listed here with a label people read and a category the audit page filters by.
// audit-actions.test.ts scans the source tree, so a new unlisted action fails the unit tests.
// Pure data (no imports): the audit page passes it to its components as props.

export const AUDIT_CATEGORIES = {
  signin: 'Sign-in',
  users: 'Users and roles',
  tokens: 'API tokens',
  connections: 'Connections',
  flows: 'Flows',
  runs: 'Runs',
  approvals: 'Approvals',
  settings: 'Settings',
  secrets: 'Secrets',
  audit: 'Audit log',
} as const;

export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

export interface AuditActionInfo {
  label: string;
  category: AuditCategory;
}

export const AUDIT_ACTIONS = {
  // Sign-in (user.login is written by users.ts login() and the single sign-on callback; the
  // failures, sign-outs and session revocations by the accounts and single sign-on code).
  'user.login': { label: 'Signed in', category: 'signin' },
  'user.login.failed': { label: 'Sign-in failed', category: 'signin' },
  'user.login.sso.refused': { label: 'Single sign-on refused', category: 'signin' },
  'user.logout': { label: 'Signed out', category: 'signin' },
  'user.sessions.revoke': { label: 'Sessions signed out', category: 'signin' },

  // Users and roles (accounts and single sign-on code).
  'user.create': { label: 'User created', category: 'users' },
  'user.invite': { label: 'User invited', category: 'users' },
  'user.invite.accept': { label: 'Invitation accepted', category: 'users' },
  'user.role.change': { label: 'Role changed', category: 'users' },
  'user.role.change.kept': { label: 'Role change refused (last administrator)', category: 'users' },
  'user.disable': { label: 'User disabled', category: 'users' },
  'user.enable': { label: 'User enabled', category: 'users' },
  'user.password.change': { label: 'Password changed', category: 'users' },
  'user.password.reset': { label: 'Password reset issued', category: 'users' },
  'user.password.reset.complete': { label: 'Password reset completed', category: 'users' },

  // API tokens.
  'token.create': { label: 'API token created', category: 'tokens' },
  'token.revoke': { label: 'API token revoked', category: 'tokens' },

  // Connections.
  'connection.create': { label: 'Connection created', category: 'connections' },
  'connection.update': { label: 'Connection changed', category: 'connections' },
  'connection.delete': { label: 'Connection deleted', category: 'connections' },
  'connection.test': { label: 'Connection tested', category: 'connections' },

  // Flows.
  'flow.create': { label: 'Flow created', category: 'flows' },
  'flow.import': { label: 'Flow imported', category: 'flows' },
  'flow.update': { label: 'Flow draft saved', category: 'flows' },
  'flow.publish': { label: 'Flow published', category: 'flows' },
  'flow.enable': { label: 'Flow switched on', category: 'flows' },
  'flow.disable': { label: 'Flow switched off', category: 'flows' },
  'flow.delete': { label: 'Flow deleted', category: 'flows' },
  'flow.restoreVersion': { label: 'Flow version restored', category: 'flows' },

  // Runs.
  'run.manual': { label: 'Manual run started', category: 'runs' },
  'run.cancel': { label: 'Run cancelled', category: 'runs' },
  'run.cancel.bulk': { label: 'Runs cancelled (bulk)', category: 'runs' },
  'run.resubmit': { label: 'Run resubmitted', category: 'runs' },
  'run.resubmit.bulk': { label: 'Runs resubmitted (bulk)', category: 'runs' },
  'run.retry': { label: 'Run retried from the failed step', category: 'runs' },

  // Approvals.
  'approval.decide': { label: 'Approval decided', category: 'approvals' },

  // Settings.
  'settings.sso.update': { label: 'Single sign-on settings changed', category: 'settings' },

  // Secrets.
  'secrets.rotate': { label: 'Secret key rotated', category: 'secrets' },

  // The audit log itself.
  'audit.export': { label: 'Audit log exported', category: 'audit' },
} as const satisfies Record<string, AuditActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** What entries are about (`targetType`), for the audit page's filter suggestions. */
export const AUDIT_TARGET_TYPES = ['user', 'token', 'connection', 'flow', 'run', 'approval', 'settings', 'audit'] as const;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/** The label of an action; an action missing from the catalogue (older entries) shows as written. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].label : action;
}

export function auditActionCategory(action: string): AuditCategory | null {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].category : null;
}

export function actionsInCategory(category: AuditCategory): AuditAction[] {
  return (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => AUDIT_ACTIONS[a].category === category);
}

/** The catalogue as plain rows, for selects (grouped by category in catalogue order). */
export function auditActionOptions(): { action: AuditAction; label: string; category: AuditCategory }[] {
  return (Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((action) => ({ action, ...AUDIT_ACTIONS[action] }));
}
