// Teams and Slack steps: build the message in core (pure, tested), post it to the webhook
// connection's sealed URL through the outbound guard. The URL is the secret: messages name only
// its host.
import { buildTeamsCard } from '@/core/notifications/teams-card';
import { buildSlackMessage } from '@/core/notifications/slack-message';
import { postToWebhook } from '@/server/notifications/post-webhook';
import { runDefenderHosts } from '@/server/services/run-defender-cloud';

const opt = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

export const WEBHOOK_ACTIONS = {
  // "Open in Defender" opens the portal of the cloud the run's alert came from (GCC High, DoD…).
  'teams.postCard': async (p: Record<string, unknown>, ctx: { runId: string }) =>
    postToWebhook(
      str(p.connectionId),
      'teams',
      buildTeamsCard({
        title: str(p.title), text: opt(p.text), severity: opt(p.severity), machineName: opt(p.machineName), alertId: opt(p.alertId), facts: opt(p.facts),
        defender: opt(p.alertId) ? await runDefenderHosts(ctx.runId) : null,
      }),
    ),

  'slack.postMessage': async (p: Record<string, unknown>) =>
    postToWebhook(str(p.connectionId), 'slack', buildSlackMessage({ text: str(p.text), title: opt(p.title), fields: opt(p.fields), link: opt(p.link), linkText: opt(p.linkText) })),
};
