// Microsoft Defender for Endpoint: an Entra app registration (client credentials) in one cloud.
import { CLOUD_LABELS, CLOUD_PRESETS, DEFENDER_CLOUDS, type DefenderCloud } from '@/core/defender/clouds';
import { hostOf, str, type FieldValues, type KindForm } from './kind-form';

const isCustom = (v: FieldValues) => v.cloud === 'custom';

function presetHint(v: FieldValues): string | undefined {
  if (v.cloud === 'custom' || !v.cloud) return 'Enter the hosts yourself (a private gateway, or the demo simulator).';
  const p = CLOUD_PRESETS[v.cloud as Exclude<DefenderCloud, 'custom'>];
  return p ? `API ${hostOf(p.apiBaseUrl)} · sign-in ${hostOf(p.authorityHost)} · Graph ${hostOf(p.graphBaseUrl)}` : undefined;
}

export const defenderForm: KindForm = {
  kind: 'defender',
  label: 'Microsoft Defender',
  description: 'A tenant, through an Entra app registration with WindowsDefenderATP application permissions (and Microsoft Graph ThreatHunting.Read.All for hunting through Graph).',
  icon: 'shield-alert',
  fields: [
    { name: 'name', label: 'Name', type: 'text', required: true, placeholder: 'Contoso production' },
    { name: 'cloud', label: 'Cloud', type: 'select', initial: 'commercial', options: DEFENDER_CLOUDS.map((c) => ({ value: c, label: CLOUD_LABELS[c] })), hint: presetHint },
    { name: 'tenantId', label: 'Tenant ID', type: 'text', required: true, placeholder: '00000000-0000-0000-0000-000000000000', autoComplete: 'off' },
    { name: 'clientId', label: 'Application (client) ID', type: 'text', required: true, placeholder: '00000000-0000-0000-0000-000000000000', autoComplete: 'off' },
    { name: 'clientSecret', label: 'Client secret', type: 'secret', required: true, hint: 'The secret’s Value (not its ID) from Certificates & secrets.' },
    { name: 'apiBaseUrl', label: 'Defender API URL', type: 'url', required: true, placeholder: 'https://api.securitycenter.microsoft.com', visible: isCustom },
    { name: 'authorityHost', label: 'Sign-in (authority) URL', type: 'url', required: true, placeholder: 'https://login.microsoftonline.com', visible: isCustom },
    { name: 'graphBaseUrl', label: 'Microsoft Graph URL', type: 'url', placeholder: 'https://graph.microsoft.com', visible: isCustom, hint: 'Used by hunting through Graph; blank = the public Graph.' },
  ],
  fromConfig: (config, cloud) => ({
    cloud: cloud ?? 'custom',
    tenantId: str(config.tenantId),
    clientId: str(config.clientId),
    apiBaseUrl: str(config.apiBaseUrl),
    authorityHost: str(config.authorityHost),
    graphBaseUrl: str(config.graphBaseUrl),
  }),
  toInput: (v) => ({
    name: v.name,
    cloud: v.cloud || 'commercial',
    tenantId: v.tenantId,
    clientId: v.clientId,
    // Presets fill the hosts on the server; only custom sends them.
    ...(v.cloud === 'custom' ? { apiBaseUrl: v.apiBaseUrl, authorityHost: v.authorityHost, graphBaseUrl: v.graphBaseUrl } : {}),
  }),
  summary: ({ config, cloud }) => (cloud && cloud !== 'custom' ? CLOUD_LABELS[cloud as DefenderCloud] ?? cloud : hostOf(config.apiBaseUrl)),
};
