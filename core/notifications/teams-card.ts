// The Teams message an alert notification posts: an Adaptive Card 1.4 in the envelope Teams
// Workflows ("When a Teams webhook request is received") and incoming webhooks accept. Pure, so
// the exact JSON is unit-tested. Values are data: they only ever land in JSON string fields.
import { defenderAlertUrl } from '../defender/portal';
import { parseNameValueLines } from './lines';

export type Severity = 'High' | 'Medium' | 'Low' | 'Informational';

/** Severity → Adaptive Card colour of the title and the container style around it. */
const COLOUR: Record<Severity, 'attention' | 'warning' | 'accent' | 'default'> = {
  High: 'attention',
  Medium: 'warning',
  Low: 'accent',
  Informational: 'default',
};

export interface TeamsCardInput {
  title: string;
  text?: string;
  severity?: string;
  machineName?: string;
  alertId?: string;
  /** "Name: value" lines, shown as a FactSet. */
  facts?: string;
  /** More buttons after "Open in Defender" (e.g. "Open the run"); only https links are kept. */
  links?: { title: string; url: string }[];
  /** Hosts of the Defender connection the alert came from: "Open in Defender" opens that cloud's portal. */
  defender?: { apiBaseUrl?: string; graphBaseUrl?: string } | null;
}

export function severityOf(value: string | undefined): Severity | undefined {
  const v = (value ?? '').trim().toLowerCase();
  return (['High', 'Medium', 'Low', 'Informational'] as const).find((s) => s.toLowerCase() === v);
}

type CardElement = Record<string, unknown>;

export function buildTeamsCard(input: TeamsCardInput): CardElement {
  const severity = severityOf(input.severity);
  const colour = severity ? COLOUR[severity] : 'default';
  const facts = [
    ...(severity ? [{ title: 'Severity', value: severity }] : input.severity?.trim() ? [{ title: 'Severity', value: input.severity.trim() }] : []),
    ...(input.machineName?.trim() ? [{ title: 'Machine', value: input.machineName.trim() }] : []),
    ...parseNameValueLines(input.facts ?? '', ':').pairs.map((p) => ({ title: p.name, value: p.value })),
  ];
  const body: CardElement[] = [
    {
      type: 'Container',
      style: colour,
      bleed: true,
      items: [{ type: 'TextBlock', text: input.title, weight: 'Bolder', size: 'Medium', color: colour, wrap: true }],
    },
  ];
  if (input.text?.trim()) body.push({ type: 'TextBlock', text: input.text, wrap: true });
  if (facts.length > 0) body.push({ type: 'FactSet', facts });
  const alertId = input.alertId?.trim();
  const actions = [
    ...(alertId ? [{ type: 'Action.OpenUrl', title: 'Open in Defender', url: defenderAlertUrl(alertId, input.defender) }] : []),
    ...(input.links ?? []).filter((l) => /^https?:\/\//i.test(l.url)).map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url })),
  ];
  const card: CardElement = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}
