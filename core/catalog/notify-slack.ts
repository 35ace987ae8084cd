import { z } from 'zod';
import { blankToUndefined, connectionParam, meta } from './fields';
import { WEBHOOK_OUTPUT_FIELDS } from './notify-teams';
import type { NodeTypeDef } from './types';

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max).optional());

/** Posts a Block Kit message through a Slack incoming webhook. */
export const slackPostMessage = {
  type: 'slack.postMessage',
  title: 'Post to Slack',
  description: 'Posts a message to a Slack channel through an incoming-webhook connection: a header, text, fields and a link button.',
  category: 'Notifications',
  icon: 'message',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Webhook', { description: 'A Slack incoming-webhook connection.' }),
    text: meta(z.string().trim().min(1, 'Required').max(3000), {
      title: 'Text',
      description: 'The message and its notification text; *bold*, _italic_ and <https://example.com|links> work. Values from tokens are escaped, so they cannot add links or @channel.',
      widget: 'multiline',
      tokenEncoding: 'slack-mrkdwn',
    }),
    title: meta(optionalText(150), { title: 'Title', description: 'A header above the text (plain text).', widget: 'text' }),
    fields: meta(optionalText(10_000), { title: 'Fields', description: 'One "Name: value" per line (at most 10), e.g. Severity: {{ trigger.severity }}', widget: 'multiline', tokenEncoding: 'slack-mrkdwn' }),
    link: meta(
      z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(3000).optional()),
      { title: 'Link', description: 'A button to open, e.g. https://security.microsoft.com/alerts/{{ trigger.id }} (token values are URL-encoded).', widget: 'text', tokenEncoding: 'url-component' },
    ),
    linkText: meta(optionalText(75), { title: 'Link text', description: 'The button label; default "Open".', widget: 'text' }),
  }),
  connectionKind: 'webhook',
  outputFields: WEBHOOK_OUTPUT_FIELDS,
  sideEffect: true,
} satisfies NodeTypeDef;
