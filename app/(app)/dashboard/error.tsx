'use client';
// The dashboard could not be computed (the database is unreachable, a query failed).
import { PageLoadError } from '@/components/ui/page-load-error';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageLoadError
      pageTitle="Dashboard"
      title="The dashboard could not be loaded"
      advice="Its figures could not be read from the database. Try again; if it keeps failing, tell an administrator"
      digest={error.digest}
      testId="dashboard-error"
      reset={reset}
    />
  );
}
