'use client';
// The page itself failed (each section already shows its own read errors, so this is rare: the
// session lookup or rendering). Never shows the error's message: it may carry internals.
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';

export default function SystemError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageHeader title="System" />
      <Card>
        <div role="alert" data-testid="system-load-error">
          <EmptyState icon={<Icon name="alert" className="h-5 w-5" />} title="The system page could not be loaded">
            <p>
              Try again; if it keeps failing, check the server logs{error.digest ? ` (reference ${error.digest})` : ''}.
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
