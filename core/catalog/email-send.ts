import { z } from 'zod';
import { blankToUndefined, connectionParam, meta, recipientsParam, requiredText } from './fields';
import type { NodeTypeDef } from './types';

export const emailSend = {
  type: 'email.send',
  title: 'Send an email',
  description: 'Sends an email through an SMTP connection: plain text, optionally with an HTML version (alert data in it is escaped).',
  category: 'Notifications',
  icon: 'mail',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('SMTP'),
    to: recipientsParam({ title: 'To', description: 'Addresses separated by ; or ,', required: true }),
    cc: recipientsParam({ title: 'Cc', description: 'Optional; separated by ; or ,', required: false }),
    bcc: recipientsParam({ title: 'Bcc', description: 'Optional; separated by ; or ,', required: false }),
    subject: requiredText({ title: 'Subject', widget: 'text' }),
    body: requiredText({ title: 'Body', description: 'Plain text; alert data is never rendered as HTML.', widget: 'multiline' }),
    html: meta(z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().max(200_000).optional()), {
      title: 'HTML body',
      description: 'Optional HTML version, e.g. <p>Alert <b>{{ trigger.title }}</b></p>. Values from tokens are HTML-escaped, so alert text can never become markup.',
      widget: 'multiline',
      tokenEncoding: 'html',
    }),
    importance: meta(z.enum(['low', 'normal', 'high']).default('normal'), { title: 'Importance', widget: 'enum' }),
    attachmentName: meta(z.preprocess(blankToUndefined, z.string().trim().max(200).optional()), {
      title: 'Attachment name',
      description: 'Optional, e.g. hunting-results.csv; the attachment is sent only when this is set.',
      widget: 'text',
    }),
    attachmentContent: meta(z.preprocess(blankToUndefined, z.unknown().optional()), {
      title: 'Attachment content',
      description: 'A token, e.g. {{ hunting.results }}: a list of rows becomes CSV, an object JSON, text stays text (at most 10 MB).',
      widget: 'json',
    }),
    attachmentFormat: meta(z.enum(['auto', 'csv', 'json', 'text']).default('auto'), { title: 'Attachment format', description: 'auto: decided by the content.', widget: 'enum' }),
  }),
  crossCheck: (params) =>
    blankToUndefined(params.attachmentName) === undefined && blankToUndefined(params.attachmentContent) !== undefined
      ? [{ path: ['attachmentName'], message: 'An attachment needs a name, e.g. hunting-results.csv' }]
      : [],
  connectionKind: 'smtp',
  outputFields: [
    { path: 'messageId', label: 'Message ID', type: 'string' },
    { path: 'accepted', label: 'Accepted recipients', type: 'array' },
  ],
  sideEffect: true,
} satisfies NodeTypeDef;
