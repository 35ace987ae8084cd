'use client';
// The audit log could not be read (the database is unreachable, a query failed): say so in the
// page frame and offer a retry. Never shows the error's message: it may carry internals.
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageHeader title="Audit log" />
      <Card>
        <div role="alert" data-testid="audit-load-error">
          <EmptyState icon={<Icon name="alert" className="h-5 w-5" />} title="The audit log could not be loaded">
            <p>
              Its entries could not be read from the database. Try again; if it keeps failing, check the server logs
              {error.digest ? ` (reference ${error.digest})` : ''}.
            </p>
            <button type="button" onClick={reset} className="mt-4 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">
              Try again
            </button>
          </EmptyState>
        </div>
      </Card>
    </>
  );
}
