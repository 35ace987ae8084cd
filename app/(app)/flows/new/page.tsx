import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePage } from '../../../_lib/auth';
import { PageHeader, Card } from '@/components/ui/page-header';
import { NewFlowForm } from '@/components/flows/new-flow-form';
import { ImportFlowForm } from '@/components/flows/import-flow-form';
import { FLOW_TEMPLATES } from '@/core/templates';
import { createFlowAction, importFlowAction } from './actions';

export const metadata: Metadata = { title: 'New flow' };

export default async function NewFlowPage() {
  await requirePage('flows:write');
  const templates = FLOW_TEMPLATES.map(({ id, name, description }) => ({ id, name, description }));
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/flows" className="hover:text-slate-700">Flows</Link>}
        title="New flow"
        description="Start from a blank canvas or a template; you can change everything in the designer."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card className="p-6">
          <NewFlowForm templates={templates} create={createFlowAction} />
        </Card>
        <Card className="p-6">
          <ImportFlowForm importFlow={importFlowAction} />
        </Card>
      </div>
    </>
  );
}
