// An SMTP server for email steps and approval requests.
import { SMTP_TLS_LABELS, SMTP_TLS_MODES, tlsModeOf } from '@/core/notifications/smtp-tls';
import { str, type KindForm } from './kind-form';

export const smtpForm: KindForm = {
  kind: 'smtp',
  label: 'SMTP server',
  description: 'Sends email steps and approval requests.',
  icon: 'mail',
  fields: [
    { name: 'name', label: 'Name', type: 'text', required: true, placeholder: 'Mail relay' },
    { name: 'host', label: 'Host', type: 'text', required: true, placeholder: 'smtp.example.com' },
    { name: 'port', label: 'Port', type: 'number', required: true, initial: '587' },
    {
      name: 'tlsMode', label: 'TLS', type: 'select', initial: 'starttls',
      options: SMTP_TLS_MODES.map((value) => ({ value, label: SMTP_TLS_LABELS[value] })),
      hint: (v) => (v.tlsMode === 'none' ? 'Password and mail cross the network unencrypted.' : undefined),
    },
    { name: 'username', label: 'Username', type: 'text', autoComplete: 'off', hint: 'Blank for a relay without sign-in.' },
    { name: 'password', label: 'Password', type: 'secret', clearable: true },
    { name: 'from', label: 'From address', type: 'email', required: true, placeholder: 'riposte@example.com' },
  ],
  fromConfig: (config) => ({
    host: str(config.host),
    port: str(config.port),
    tlsMode: tlsModeOf(config),
    username: str(config.username),
    from: str(config.from),
  }),
  toInput: (v) => ({ name: v.name, host: v.host, port: Number(v.port), tlsMode: v.tlsMode, username: v.username, from: v.from }),
  summary: ({ config }) => `${str(config.host)}:${str(config.port)}`,
};
