import type { Metadata } from 'next';
import { can } from '@/server/auth/roles';
import { SUPPORTED_CONNECTION_KINDS } from '@/server/services/connections';
import { ConnectionsManager } from '@/components/connections/connections-manager';
import { requirePage } from '../../_lib/auth';
import { listConnectionViews } from './view';
import { createConnectionAction, deleteConnectionAction, testConnectionAction, updateConnectionAction } from './actions';

export const metadata: Metadata = { title: 'Connections' };

export default async function ConnectionsPage() {
  const principal = await requirePage('connections:read');
  const canWrite = can(principal.role, 'connections:write');
  const connections = await listConnectionViews();
  return (
    <ConnectionsManager
      title="Connections"
      description={
        canWrite
          ? 'Defender tenants, mail servers, Teams / Slack webhooks and HTTP credentials your flows use. Secrets are write-only: once saved they are never shown again.'
          : 'Defender tenants, mail servers, Teams / Slack webhooks and HTTP credentials your flows use. Only admins can add or change them.'
      }
      connections={connections}
      canWrite={canWrite}
      supportedKinds={SUPPORTED_CONNECTION_KINDS}
      actions={{ create: createConnectionAction, update: updateConnectionAction, remove: deleteConnectionAction, test: testConnectionAction }}
      now={Date.now()}
    />
  );
}
