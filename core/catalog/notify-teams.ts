import { z } from 'zod';
import { blankToUndefined, connectionParam, meta, requiredText } from './fields';
import type { NodeTypeDef, OutputField } from './types';

/** Outputs of a webhook post: the HTTP status and whether it was 2xx. */
export const WEBHOOK_OUTPUT_FIELDS: OutputField[] = [
  { path: 'status', label: 'HTTP status', type: 'number' },
  { path: 'ok', label: 'Delivered', type: 'boolean' },
];

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max).optional());

/** Posts an Adaptive Card to a Teams channel through a Workflows (or incoming) webhook. */
export const teamsPostCard = {
  type: 'teams.postCard',
  title: 'Post to Microsoft Teams',
  description: 'Posts an Adaptive Card to a Teams channel through a webhook connection: title, text, severity colour, facts and an "Open in Defender" button.',
  category: 'Notifications',
  icon: 'message',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Webhook', { description: 'A Teams webhook connection (Workflows: "When a Teams webhook request is received").' }),
    title: meta(z.string().trim().min(1, 'Required').max(500), { title: 'Title', widget: 'text', tokenEncoding: 'markdown' }),
    text: meta(optionalText(10_000), {
      title: 'Text',
      description: 'Shown under the title; **bold**, _italic_ and lists work. Values from tokens are shown as written (markdown in them is escaped).',
      widget: 'multiline',
      tokenEncoding: 'markdown',
    }),
    severity: meta(optionalText(50), { title: 'Severity', description: 'e.g. {{ trigger.severity }}: High is red, Medium amber, Low blue, Informational neutral.', widget: 'text' }),
    machineName: meta(optionalText(500), { title: 'Machine name', description: 'e.g. {{ trigger.computerDnsName }}', widget: 'text', tokenEncoding: 'markdown' }),
    alertId: meta(optionalText(200), { title: 'Alert ID', description: 'e.g. {{ trigger.id }}: adds an "Open in Defender" button.', widget: 'text' }),
    facts: meta(optionalText(10_000), { title: 'Facts', description: 'One "Name: value" per line, e.g. User: {{ trigger.relatedUser.userName }}', widget: 'multiline', tokenEncoding: 'markdown' }),
  }),
  connectionKind: 'webhook',
  outputFields: WEBHOOK_OUTPUT_FIELDS,
  sideEffect: true,
} satisfies NodeTypeDef;
