import { z } from 'zod';
import { connectionParam, meta, recipientsParam, requiredText } from './fields';
import type { NodeTypeDef } from './types';

export const emailSend = {
  type: 'email.send',
  title: 'Send an email',
  description: 'Sends a plain-text email through an SMTP connection.',
  category: 'Notifications',
  icon: 'mail',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('SMTP'),
    to: recipientsParam({ title: 'To', description: 'Addresses separated by ; or ,', required: true }),
    cc: recipientsParam({ title: 'Cc', description: 'Optional; separated by ; or ,', required: false }),
    subject: requiredText({ title: 'Subject', widget: 'text' }),
    body: requiredText({ title: 'Body', description: 'Plain text; alert data is never rendered as HTML.', widget: 'multiline' }),
    importance: meta(z.enum(['low', 'normal', 'high']).default('normal'), { title: 'Importance', widget: 'enum' }),
  }),
  connectionKind: 'smtp',
  outputFields: [
    { path: 'messageId', label: 'Message ID', type: 'string' },
    { path: 'accepted', label: 'Accepted recipients', type: 'array' },
  ],
  sideEffect: true,
} satisfies NodeTypeDef;
