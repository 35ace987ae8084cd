import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFlow, toEditorFlow } from '@/server/services/flows';
import { listConnections, toCheckerConnection } from '@/server/services/connections';
import { sampleOutputs } from '@/server/services/flow-versions';
import { redact } from '@/core/redact';
import { isServiceError } from '@/server/services/errors';
import { can } from '@/server/auth/roles';
import { requirePage } from '../../../_lib/auth';
import { FlowEditorClient } from '@/components/flow-editor/flow-editor-client';
import type { ConnectionOption } from '@/components/flow-editor/types';
import type { ConnectionRoles } from '@/core/flow/check';
import { editorActions } from './editor-actions-object';

export const metadata: Metadata = { title: 'Flow designer' };

async function loadFlow(id: string) {
  try {
    return await getFlow(id);
  } catch (e) {
    if (isServiceError(e) && e.status === 404) notFound();
    throw e;
  }
}

export default async function FlowDesignerPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePage('flows:read');
  const { id } = await params;
  const flow = await loadFlow(id);
  const canWrite = can(principal.role, 'flows:write');
  // The token picker's samples go to the browser: redacted like run detail (the server-side
  // sample query keeps the real values).
  const [connections, samples] = await Promise.all([listConnections(), can(principal.role, 'runs:read') ? sampleOutputs(flow.id).then(redact) : {}]);
  // Only what the designer needs: names, and the last tested roles for the checker (no secrets).
  const options: ConnectionOption[] = connections.map((c) => ({ id: c.id, kind: c.kind, name: c.name, isDemo: c.isDemo, ...(c.kind === 'defender' ? pick(toCheckerConnection(c)) : {}) }));

  return (
    // The designer fills the viewport below the breadcrumb row (the shell pads <main>).
    <div className="flex h-[calc(100dvh-3rem)] min-h-[640px] flex-col lg:h-[calc(100dvh-2rem)]">
      <nav className="mb-3 flex items-center gap-2 text-sm text-slate-500" aria-label="Breadcrumb">
        <Link href="/flows" className="hover:text-slate-700">
          Flows
        </Link>
        <span aria-hidden>/</span>
        <span className="truncate text-slate-700" data-testid="flow-name">
          {flow.name}
        </span>
        <Link href={`/runs?flowId=${flow.id}`} className="ml-auto shrink-0 text-indigo-600 hover:text-indigo-500" data-testid="flow-runs-link">
          Run history →
        </Link>
      </nav>
      <div className="min-h-0 flex-1">
        <FlowEditorClient flow={toEditorFlow(flow)} connections={options} samples={samples} canWrite={canWrite} actions={editorActions} />
      </div>
    </div>
  );
}

function pick(c: ConnectionRoles): Pick<ConnectionOption, 'testedAt' | 'grantedRoles'> {
  return { testedAt: c.testedAt, grantedRoles: { mde: [...c.grantedRoles.mde], graph: [...c.grantedRoles.graph] } };
}
