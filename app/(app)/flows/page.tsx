import type { Metadata } from 'next';
import Link from 'next/link';
import { listFlows } from '@/server/services/flows';
import { can } from '@/server/auth/roles';
import { requirePage } from '../../_lib/auth';
import { isDemoMode } from '../../_lib/demo';
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/time';
import { Icon } from '@/components/ui/icon';
import { FlowToggle } from '@/components/flows/flow-toggle';
import { VersionBadge } from '@/components/flows/version-badge';
import { RaiseAlertForm } from '@/components/flows/raise-alert-form';
import { triggerLabel } from '@/components/flows/trigger-label';
import { raiseTestAlertAction, setFlowEnabledAction } from './actions';

export const metadata: Metadata = { title: 'Flows' };

export default async function FlowsPage() {
  const principal = await requirePage('flows:read');
  const canWrite = can(principal.role, 'flows:write');
  const [flows, demo] = await Promise.all([listFlows(), isDemoMode()]);
  const showDemo = demo && can(principal.role, 'demo:use');
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="Flows"
        description="Each flow runs on every new Defender alert while it is switched on. Runs always use the latest published version."
        actions={
          canWrite && (
            <Link
              href="/flows/new"
              data-testid="new-flow"
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500"
            >
              New flow
            </Link>
          )
        }
      />
      {showDemo && (
        <Card className="mb-6">
          <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
            <div>
              <p className="text-sm font-semibold text-slate-900">Demo tenant</p>
              <p className="mt-0.5 text-sm text-slate-500">Raise a simulated Defender alert; enabled flows pick it up on the next poll.</p>
            </div>
            <RaiseAlertForm raise={raiseTestAlertAction} />
          </div>
        </Card>
      )}
      <Card>
        {flows.length === 0 ? (
          <EmptyState icon={<Icon name="flows" className="h-5 w-5" />} title="No flows yet">
            Flows you create or import appear here. In demo mode, Riposte starts with the template “Isolate device on High severity alert”.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50/80 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-5 py-2.5">Flow</th>
                  <th scope="col" className="px-5 py-2.5">Trigger</th>
                  <th scope="col" className="px-5 py-2.5">Version</th>
                  <th scope="col" className="px-5 py-2.5">Last run</th>
                  <th scope="col" className="px-5 py-2.5 text-right">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {flows.map((flow) => (
                  <tr key={flow.id} data-testid="flow-row" data-flow-id={flow.id} className="align-top hover:bg-slate-50/60">
                    <td className="max-w-md px-5 py-4">
                      <Link href={`/flows/${flow.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                        {flow.name}
                      </Link>
                      {flow.description && <p className="mt-0.5 line-clamp-2 text-slate-500">{flow.description}</p>}
                    </td>
                    <td className="px-5 py-4 text-slate-600">{triggerLabel(flow.triggerType)}</td>
                    <td className="px-5 py-4">
                      <VersionBadge publishedVersion={flow.publishedVersion} />
                      <p className="mt-1 text-xs text-slate-400">Draft rev. {flow.draftVersion}</p>
                    </td>
                    <td className="px-5 py-4">
                      {flow.lastRun ? (
                        <Link href={`/runs/${flow.lastRun.id}`} className="flex flex-col items-start gap-1 hover:opacity-80">
                          <StatusBadge status={flow.lastRun.status} />
                          <span className="text-xs text-slate-500">
                            <RelativeTime iso={flow.lastRun.createdAt} now={now} />
                          </span>
                        </Link>
                      ) : (
                        <span className="text-slate-400">Never run</span>
                      )}
                    </td>
                    <td className="px-5 py-4">
                      <FlowToggle
                        flowId={flow.id}
                        flowName={flow.name}
                        enabled={flow.enabled}
                        published={flow.publishedVersion !== null}
                        canWrite={canWrite}
                        setEnabled={setFlowEnabledAction}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
