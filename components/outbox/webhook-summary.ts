// What a captured webhook post says, as plain lines: the texts and facts of a Teams Adaptive
// Card, or the text and blocks of a Slack message. Everything stays data (rendered as text).

export interface WebhookSummary {
  /** The first heading-like text (card title, Slack header), if any. */
  title: string | null;
  lines: string[];
  /** Name/value pairs (Adaptive Card FactSet, Slack section fields). */
  facts: { name: string; value: string }[];
  /** Action links (Adaptive Card Action.OpenUrl, Slack buttons). */
  links: { title: string; url: string }[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObj = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined) => (typeof v === 'string' ? v : '');

function walkCard(node: Json | undefined, out: WebhookSummary): void {
  if (Array.isArray(node)) {
    for (const n of node) walkCard(n, out);
    return;
  }
  if (!isObj(node)) return;
  if (node.type === 'TextBlock' && str(node.text)) {
    const text = str(node.text);
    if (out.title === null && (node.size === 'Large' || node.size === 'Medium' || node.weight === 'Bolder')) out.title = text;
    else out.lines.push(text);
  }
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    for (const f of node.facts) if (isObj(f)) out.facts.push({ name: str(f.title), value: str(f.value) });
  }
  if (node.type === 'Action.OpenUrl' && str(node.url)) out.links.push({ title: str(node.title) || str(node.url), url: str(node.url) });
  for (const key of ['body', 'items', 'columns', 'actions', 'attachments', 'content']) walkCard(node[key], out);
}

function slackText(v: Json | undefined): string {
  return isObj(v) ? str(v.text) : '';
}

function walkSlack(msg: { [k: string]: Json }, out: WebhookSummary): void {
  const blocks = Array.isArray(msg.blocks) ? msg.blocks : [];
  for (const b of blocks) {
    if (!isObj(b)) continue;
    if (b.type === 'header' && out.title === null) out.title = slackText(b.text);
    else if (b.type === 'section' || b.type === 'context') {
      const t = slackText(b.text);
      if (t) out.lines.push(t);
      if (Array.isArray(b.fields)) for (const f of b.fields) out.lines.push(slackText(f));
      if (Array.isArray(b.elements)) for (const e of b.elements) if (isObj(e) && str(e.text)) out.lines.push(str(e.text));
      if (isObj(b.accessory) && str(b.accessory.url)) out.links.push({ title: slackText(b.accessory.text) || str(b.accessory.url), url: str(b.accessory.url) });
    } else if (b.type === 'actions' && Array.isArray(b.elements)) {
      for (const e of b.elements) if (isObj(e) && str(e.url)) out.links.push({ title: slackText(e.text) || str(e.url), url: str(e.url) });
    }
  }
  if (out.lines.length === 0 && str(msg.text)) out.lines.push(str(msg.text));
}

export function summariseWebhook(service: string, body: string): WebhookSummary | null {
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch {
    return null;
  }
  if (!isObj(parsed)) return null;
  const out: WebhookSummary = { title: null, lines: [], facts: [], links: [] };
  if (service === 'slack') walkSlack(parsed, out);
  else walkCard(parsed, out);
  out.lines = out.lines.filter((l) => l !== '');
  return out.title === null && out.lines.length === 0 && out.facts.length === 0 ? null : out;
}

/** Only http(s) links become anchors; anything else (javascript:, data:) is shown as text. */
export function safeLink(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}
