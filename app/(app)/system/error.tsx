'use client';
// The page itself failed (each section already shows its own read errors, so this is rare: the
// session lookup or rendering).
import { PageLoadError } from '@/components/ui/page-load-error';

export default function SystemError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageLoadError
      pageTitle="System"
      title="The system page could not be loaded"
      advice="Try again; if it keeps failing, check the server logs"
      digest={error.digest}
      testId="system-load-error"
      reset={reset}
    />
  );
}
