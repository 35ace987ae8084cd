'use client';
// The flows list, or a flow in the designer, could not be read (the database is unreachable, a
// query failed). An unknown flow is a 404 page, not this.
import { PageLoadError } from '@/components/ui/page-load-error';

export default function FlowsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageLoadError
      pageTitle="Flows"
      title="The flows could not be loaded"
      advice="They could not be read from the database. Try again; if it keeps failing, tell an administrator"
      digest={error.digest}
      testId="flows-load-error"
      reset={reset}
    />
  );
}
