import { StatusPage } from '@/components/shell/status-page';

export default function NotFound() {
  return (
    <StatusPage code="404" title="Page not found" href="/flows" linkLabel="Back to flows">
      The flow, run or page you asked for does not exist, or was deleted.
    </StatusPage>
  );
}
