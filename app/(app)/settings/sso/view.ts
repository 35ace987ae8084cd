// Server settings → the page's view: the secret becomes "set or not"; dates become strings.
import type { SsoSettingsView } from '@/server/auth/sso/settings';
import { SSO_CLOUDS, SSO_CLOUD_IDS } from '@/server/auth/sso/clouds';
import type { SsoCloudOption, SsoSettingsFormView } from '@/components/sso/types';

export function toFormView(s: SsoSettingsView): SsoSettingsFormView {
  return {
    enabled: s.enabled,
    cloud: s.cloud,
    authorityHost: s.cloud === 'custom' ? s.authorityHost : '',
    tenantId: s.tenantId,
    clientId: s.clientId,
    secretSet: s.secretSet,
    rules: s.rules,
    defaultRole: s.defaultRole === null || s.defaultRole === 'admin' ? 'refuse' : s.defaultRole,
    autoCreate: s.autoCreate,
    updatedAt: s.updatedAt?.toISOString() ?? null,
    updatedBy: s.updatedBy,
  };
}

export const CLOUD_OPTIONS: SsoCloudOption[] = SSO_CLOUD_IDS.map((id) => ({ id, label: SSO_CLOUDS[id].label, authorityHost: SSO_CLOUDS[id].authorityHost }));
