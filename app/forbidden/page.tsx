import type { Metadata } from 'next';
import { StatusPage } from '@/components/shell/status-page';

export const metadata: Metadata = { title: 'Not allowed' };

export default function ForbiddenPage() {
  return (
    <StatusPage code="403" title="You do not have access to this page" href="/flows" linkLabel="Back to flows">
      Your role does not include this. Ask an administrator if you need it.
    </StatusPage>
  );
}
