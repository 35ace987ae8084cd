// What the SSO settings page receives (never the client secret: only whether one is set) and sends.
export type SsoRole = 'admin' | 'editor' | 'viewer';
export type SsoDefault = 'refuse' | 'viewer' | 'editor';

export interface SsoRuleView {
  kind: 'group' | 'appRole';
  value: string;
  role: SsoRole;
}

export interface SsoCloudOption {
  id: string;
  label: string;
  /** Empty for the custom cloud: the admin types the host. */
  authorityHost: string;
}

export interface SsoSettingsFormView {
  enabled: boolean;
  cloud: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  secretSet: boolean;
  rules: SsoRuleView[];
  defaultRole: SsoDefault;
  autoCreate: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The save payload. clientSecret: absent keeps the stored one, a string replaces it, null clears it. */
export interface SsoSettingsSubmit {
  enabled: boolean;
  cloud: string;
  authorityHost?: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string | null;
  rules: SsoRuleView[];
  defaultRole: SsoDefault;
  autoCreate: boolean;
}
