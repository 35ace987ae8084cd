// What the tokens page shows (server/services/api-tokens.ts TokenView, kept in step by the page glue).
import type { ActionResult } from '../action-result';

export type TokenRole = 'viewer' | 'editor' | 'admin';

export interface TokenRow {
  id: string;
  name: string;
  role: TokenRole;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

export interface NewTokenInput {
  name: string;
  role: TokenRole;
  /** null = never expires. */
  expiresInDays: 30 | 90 | 365 | null;
}

export interface TokenActions {
  create(input: NewTokenInput): Promise<ActionResult<TokenRow & { token: string }>>;
  revoke(id: string): Promise<ActionResult<TokenRow>>;
}

export const EXPIRY_CHOICES: readonly { label: string; days: NewTokenInput['expiresInDays'] }[] = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
];

export const ROLE_LABEL: Record<TokenRole, string> = { viewer: 'Viewer', editor: 'Editor', admin: 'Admin' };
