import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listCapturedEmails, listCapturedWebhooks } from '@/server/services/outbox';
import { requirePage } from '../../_lib/auth';
import { isDemoMode } from '../../_lib/demo';
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { EmailList } from '@/components/outbox/email-list';
import { WebhookList } from '@/components/outbox/webhook-list';
import { AutoRefresh } from '@/components/runs/auto-refresh';

export const metadata: Metadata = { title: 'Outbox' };

type Tab = 'email' | 'chat';

function TabLink({ tab, current, count, children }: { tab: Tab; current: Tab; count: number; children: string }) {
  const active = tab === current;
  return (
    <Link
      href={tab === 'email' ? '/outbox' : '/outbox?tab=chat'}
      aria-current={active ? 'page' : undefined}
      className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-700'}`}
    >
      {children} <span className="ml-1 rounded-full bg-slate-100 px-1.5 text-xs text-slate-600">{count}</span>
    </Link>
  );
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  await requirePage('demo:use');
  // The outbox only exists in demo mode, where local captures stand in for the mail server and
  // for Teams / Slack webhooks.
  if (!(await isDemoMode())) notFound();
  const tab: Tab = (await searchParams).tab === 'chat' ? 'chat' : 'email';
  const [emails, posts] = await Promise.all([listCapturedEmails(), listCapturedWebhooks()]);
  const now = Date.now();
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Demo mode: emails and Teams / Slack posts your flows sent, as received by local captures. Nothing leaves this machine."
        actions={<AutoRefresh intervalMs={5000} />}
      />
      <nav className="mb-4 flex gap-2 border-b border-slate-200" aria-label="Outbox">
        <TabLink tab="email" current={tab} count={emails.length}>Email</TabLink>
        <TabLink tab="chat" current={tab} count={posts.length}>Teams &amp; Slack</TabLink>
      </nav>
      {tab === 'email' ? (
        emails.length === 0 ? (
          <Card>
            <EmptyState icon={<Icon name="inbox" className="h-5 w-5" />} title="No emails yet">
              When a flow sends an email in demo mode, it lands here instead of a real mailbox.
            </EmptyState>
          </Card>
        ) : (
          <EmailList emails={emails} now={now} />
        )
      ) : posts.length === 0 ? (
        <Card>
          <EmptyState icon={<Icon name="inbox" className="h-5 w-5" />} title="No Teams or Slack posts yet">
            When a flow posts to a demo Teams or Slack connection, the card lands here instead of a real channel.
          </EmptyState>
        </Card>
      ) : (
        <WebhookList posts={posts} now={now} />
      )}
    </>
  );
}
