import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFlow } from '@/server/services/flows';
import { listRuns } from '@/server/services/runs';
import { isServiceError } from '@/server/services/errors';
import { can } from '@/server/auth/roles';
import { requirePage } from '../../../_lib/auth';
import { toGraphData } from '../../../_lib/graph';
import { Card, CardHeader, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { FlowGraph } from '@/components/flow-graph/flow-graph';
import { FlowToggle } from '@/components/flows/flow-toggle';
import { PublishButton } from '@/components/flows/publish-button';
import { VersionBadge } from '@/components/flows/version-badge';
import { triggerLabel } from '@/components/flows/trigger-label';
import { RunsTable } from '@/components/runs/runs-table';
import { publishFlowAction, setFlowEnabledAction } from '../actions';

export const metadata: Metadata = { title: 'Flow' };

async function loadFlow(id: string) {
  try {
    return await getFlow(id);
  } catch (e) {
    if (isServiceError(e) && e.status === 404) notFound();
    throw e;
  }
}

export default async function FlowDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePage('flows:read');
  const { id } = await params;
  const flow = await loadFlow(id);
  const canWrite = can(principal.role, 'flows:write');
  const canReadRuns = can(principal.role, 'runs:read');
  const runs = canReadRuns ? await listRuns({ flowId: flow.id, limit: 10 }) : { items: [], nextCursor: null };
  const graph = toGraphData(flow.graph);
  const now = Date.now();

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/flows" className="hover:text-slate-700">
            Flows
          </Link>
        }
        title={<span data-testid="flow-name">{flow.name}</span>}
        description={flow.description || undefined}
        actions={
          <>
            <FlowToggle
              flowId={flow.id}
              flowName={flow.name}
              enabled={flow.enabled}
              published={flow.publishedVersion !== null}
              canWrite={canWrite}
              setEnabled={setFlowEnabledAction}
            />
            <PublishButton flowId={flow.id} canWrite={canWrite} publish={publishFlowAction} />
          </>
        }
      />

      <dl className="mb-6 flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <div className="flex items-center gap-2">
          <dt className="text-slate-500">Status</dt>
          <dd data-testid="flow-version">
            <VersionBadge publishedVersion={flow.publishedVersion} />
          </dd>
        </div>
        <div className="flex items-center gap-2">
          <dt className="text-slate-500">Trigger</dt>
          <dd className="text-slate-800">{triggerLabel(flow.triggerType ?? flow.graph.nodes.find((n) => n.id === 'trigger')?.type ?? null)}</dd>
        </div>
        <div className="flex items-center gap-2">
          <dt className="text-slate-500">Draft revision</dt>
          <dd className="text-slate-800 tabular-nums">{flow.draftVersion}</dd>
        </div>
        <div className="flex items-center gap-2">
          <dt className="text-slate-500">Nodes</dt>
          <dd className="text-slate-800 tabular-nums">{flow.graph.nodes.length}</dd>
        </div>
      </dl>

      <Card className="mb-6 overflow-hidden">
        <CardHeader title="Draft graph" actions={<span className="text-xs text-slate-500">Read-only view</span>} />
        {graph ? (
          <FlowGraph graph={graph} height={400} />
        ) : (
          <p className="px-5 py-10 text-center text-sm text-slate-500">This flow&apos;s graph could not be read.</p>
        )}
      </Card>

      {canReadRuns && (
        <Card>
          <CardHeader
            title="Recent runs"
            actions={
              <Link href={`/runs?flowId=${flow.id}`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
                All runs of this flow
              </Link>
            }
          />
          {runs.items.length === 0 ? (
            <EmptyState icon={<Icon name="runs" className="h-5 w-5" />} title="No runs yet">
              Publish the flow and switch it on; every new alert then starts a run.
            </EmptyState>
          ) : (
            <RunsTable runs={runs.items} showFlow={false} now={now} />
          )}
        </Card>
      )}
    </>
  );
}
