import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listCapturedEmails } from '@/server/services/outbox';
import { requirePage } from '../../_lib/auth';
import { isDemoMode } from '../../_lib/demo';
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { EmailList } from '@/components/outbox/email-list';
import { AutoRefresh } from '@/components/runs/auto-refresh';

export const metadata: Metadata = { title: 'Outbox' };

export default async function OutboxPage() {
  await requirePage('demo:use');
  // The outbox only exists in demo mode, where a local SMTP capture stands in for the mail server.
  if (!(await isDemoMode())) notFound();
  const emails = await listCapturedEmails();
  const now = Date.now();
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Demo mode: emails your flows sent, as received by the local SMTP capture. Nothing leaves this machine."
        actions={<AutoRefresh intervalMs={5000} />}
      />
      {emails.length === 0 ? (
        <Card>
          <EmptyState icon={<Icon name="inbox" className="h-5 w-5" />} title="No emails yet">
            When a flow sends an email in demo mode, it lands here instead of a real mailbox.
          </EmptyState>
        </Card>
      ) : (
        <EmailList emails={emails} now={now} />
      )}
    </>
  );
}
