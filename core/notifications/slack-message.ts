// The Slack incoming-webhook message: `text` (the notification and fallback) plus Block Kit
// blocks. Pure, so the exact JSON is unit-tested. Token values were escaped for mrkdwn by the
// executor (encodeSlackMrkdwn), so alert text cannot add links or @channel mentions.
import { parseNameValueLines } from './lines';

export interface SlackMessageInput {
  text: string;
  title?: string;
  /** "Name: value" lines, shown as section fields (Slack allows 10). */
  fields?: string;
  link?: string;
  linkText?: string;
}

const MAX_FIELDS = 10;
/** Slack's limits: header 150, section text 3000, field 2000 characters. */
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function buildSlackMessage(input: SlackMessageInput): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [];
  if (input.title?.trim()) blocks.push({ type: 'header', text: { type: 'plain_text', text: cut(input.title.trim(), 150), emoji: true } });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(input.text, 3000) } });
  const fields = parseNameValueLines(input.fields ?? '', ':').pairs.slice(0, MAX_FIELDS);
  if (fields.length > 0) blocks.push({ type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: cut(`*${f.name}*\n${f.value}`, 2000) })) });
  if (input.link?.trim()) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: cut(input.linkText?.trim() || 'Open', 75) }, url: input.link.trim() }] });
  }
  return { text: cut(input.text, 3000), blocks };
}
