// An SMTP server for email steps and approval requests.
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
      name: 'tls', label: 'TLS', type: 'select', initial: 'starttls',
      options: [
        { value: 'starttls', label: 'STARTTLS when offered (ports 587, 25)' },
        { value: 'tls', label: 'TLS from the start (port 465)' },
      ],
    },
    { name: 'username', label: 'Username', type: 'text', autoComplete: 'off', hint: 'Blank for a relay without sign-in.' },
    { name: 'password', label: 'Password', type: 'secret', clearable: true },
    { name: 'from', label: 'From address', type: 'email', required: true, placeholder: 'riposte@example.com' },
  ],
  fromConfig: (config) => ({
    host: str(config.host),
    port: str(config.port),
    tls: config.secure === true ? 'tls' : 'starttls',
    username: str(config.username),
    from: str(config.from),
  }),
  toInput: (v) => ({ name: v.name, host: v.host, port: Number(v.port), secure: v.tls === 'tls', username: v.username, from: v.from }),
  summary: ({ config }) => `${str(config.host)}:${str(config.port)}`,
};
