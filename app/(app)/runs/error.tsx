'use client';
// The run list could not be read (the database is unreachable, a query failed). Bad filters never
// land here: the page shows those as a message next to the filters.
import { PageLoadError } from '@/components/ui/page-load-error';

export default function RunsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageLoadError
      pageTitle="Runs"
      title="The runs could not be loaded"
      advice="The run history could not be read from the database. Try again; if it keeps failing, tell an administrator"
      digest={error.digest}
      testId="runs-load-error"
      reset={reset}
    />
  );
}
