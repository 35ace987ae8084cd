// A chat or generic webhook (Teams, Slack, any URL). The URL carries the credential, so it is a secret.
import { str, type KindForm } from './kind-form';

const SERVICES: Record<string, string> = { teams: 'Microsoft Teams', slack: 'Slack', generic: 'Generic webhook' };

export const webhookForm: KindForm = {
  kind: 'webhook',
  label: 'Webhook',
  description: 'Posts messages to Microsoft Teams, Slack or any webhook URL.',
  icon: 'bolt',
  fields: [
    { name: 'name', label: 'Name', type: 'text', required: true, placeholder: 'SOC channel' },
    { name: 'service', label: 'Service', type: 'select', initial: 'teams', options: Object.entries(SERVICES).map(([value, label]) => ({ value, label })) },
    { name: 'url', label: 'Webhook URL', type: 'secret', required: true, hint: 'Anyone with this URL can post: it is stored like a password.' },
  ],
  fromConfig: (config) => ({ service: str(config.service) || 'generic' }),
  toInput: (v) => ({ name: v.name, service: v.service }),
  summary: ({ config }) => SERVICES[str(config.service)] ?? 'Webhook',
};
