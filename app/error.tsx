'use client';
import { StatusPage } from '@/components/shell/status-page';

// Never shows the error's message: it may carry internals. The digest lets an admin find the log line.
export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage code="Error" title="Something went wrong" href="/flows" linkLabel="Back to flows" onRetry={reset}>
      The page could not be loaded. Try again; if it keeps failing, tell an administrator
      {error.digest ? ` (reference ${error.digest})` : ''}.
    </StatusPage>
  );
}
