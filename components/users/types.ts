// What the users page passes to its client components (no server imports, dates as ISO strings).
import type { ActionResult } from '../action-result';

export type UserRole = 'admin' | 'editor' | 'viewer';
export type UserStatus = 'active' | 'disabled' | 'invited' | 'invite_expired' | 'reset_pending';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  status: UserStatus;
  signIn: 'local' | 'sso';
  createdAt: string;
  lastLoginAt: string | null;
  linkExpiresAt: string | null;
}

/** A one-time link to set a password, shown once. */
export interface LinkView {
  url: string;
  expiresAt: string;
}

export interface UserActions {
  invite(input: { email: string; name: string; role: UserRole }): Promise<ActionResult<{ user: UserView; link: LinkView }>>;
  update(id: string, patch: { role?: UserRole; disabled?: boolean }): Promise<ActionResult<UserView>>;
  reset(id: string): Promise<ActionResult<{ user: UserView; link: LinkView }>>;
}

export const ROLE_LABELS: Record<UserRole, string> = { admin: 'Admin', editor: 'Editor', viewer: 'Viewer' };
export const ROLE_HINTS: Record<UserRole, string> = {
  admin: 'Everything, including users, connections and settings',
  editor: 'Create, edit, publish and run flows; approve',
  viewer: 'Read flows and runs',
};
