// Credentials for HTTP request steps: basic, bearer token, or OAuth 2.0 client credentials.
import { str, type FieldValues, type KindForm } from './kind-form';

const is = (type: string) => (v: FieldValues) => v.authType === type;
const AUTH: Record<string, string> = { basic: 'Basic (username and password)', bearer: 'Bearer token', oauth2: 'OAuth 2.0 client credentials' };

export const httpForm: KindForm = {
  kind: 'http',
  label: 'HTTP API',
  description: 'Credentials for HTTP request steps (basic, bearer or OAuth 2.0).',
  icon: 'box',
  fields: [
    { name: 'name', label: 'Name', type: 'text', required: true, placeholder: 'Ticketing API' },
    { name: 'authType', label: 'Authentication', type: 'select', initial: 'bearer', options: Object.entries(AUTH).map(([value, label]) => ({ value, label })) },
    { name: 'username', label: 'Username', type: 'text', required: true, autoComplete: 'off', visible: is('basic') },
    { name: 'password', label: 'Password', type: 'secret', required: true, visible: is('basic') },
    { name: 'token', label: 'Token', type: 'secret', required: true, visible: is('bearer') },
    { name: 'tokenUrl', label: 'Token URL', type: 'url', required: true, placeholder: 'https://login.example.com/oauth2/token', visible: is('oauth2') },
    { name: 'clientId', label: 'Client ID', type: 'text', required: true, autoComplete: 'off', visible: is('oauth2') },
    { name: 'clientSecret', label: 'Client secret', type: 'secret', required: true, visible: is('oauth2') },
    { name: 'scope', label: 'Scope', type: 'text', visible: is('oauth2'), hint: 'Optional, e.g. api://tickets/.default' },
  ],
  fromConfig: (config) => ({ authType: str(config.authType) || 'bearer', username: str(config.username), tokenUrl: str(config.tokenUrl), clientId: str(config.clientId), scope: str(config.scope) }),
  toInput: (v) => ({
    name: v.name,
    authType: v.authType,
    ...(v.authType === 'basic' ? { username: v.username } : {}),
    ...(v.authType === 'oauth2' ? { tokenUrl: v.tokenUrl, clientId: v.clientId, ...(v.scope ? { scope: v.scope } : {}) } : {}),
  }),
  summary: ({ config }) => AUTH[str(config.authType)]?.split(' (')[0] ?? 'HTTP',
};
