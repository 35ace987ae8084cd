import { exportFlow } from '@/server/services/flows';
import { ensureKnownSecrets } from '@/server/secrets/load-known-secrets';
import { redactValue } from '@/server/secrets/redact';
import { route } from '../../../_lib/handler';

// An export leaves Riposte (files, tickets, git): a secret typed into a step (a header line, a
// URL with a key, a connection's secret pasted as text) is replaced; token references are kept.
export const GET = route<{ id: string }>('flows:read', async ({ params }) => {
  await ensureKnownSecrets();
  return redactValue(await exportFlow(params.id));
});
