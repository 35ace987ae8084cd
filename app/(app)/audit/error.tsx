'use client';
// The audit log could not be read (the database is unreachable, a query failed).
import { PageLoadError } from '@/components/ui/page-load-error';

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageLoadError
      pageTitle="Audit log"
      title="The audit log could not be loaded"
      advice="Its entries could not be read from the database. Try again; if it keeps failing, check the server logs"
      digest={error.digest}
      testId="audit-load-error"
      reset={reset}
    />
  );
}
