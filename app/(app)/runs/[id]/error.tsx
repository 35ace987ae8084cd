'use client';
// One run could not be read (an unknown run is a 404 page, not this): the database is
// unreachable or a query failed.
import { PageLoadError } from '@/components/ui/page-load-error';

export default function RunError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageLoadError
      pageTitle="Run"
      title="This run could not be loaded"
      advice="Its steps could not be read from the database. Try again; if it keeps failing, tell an administrator"
      digest={error.digest}
      testId="run-load-error"
      reset={reset}
    />
  );
}
