'use client';
// The frame of a page whose data could not be loaded (an error.tsx boundary): the page's header,
// what failed, and a retry. Never shows the error's message: it may carry internals; the digest
// lets an operator find the server log line.
import type { ReactNode } from 'react';
import { Card, EmptyState, PageHeader } from './page-header';
import { Icon } from './icon';

interface Props {
  pageTitle: string;
  title: string;
  /** What could not be read, and what to do; the reference is appended. */
  advice: ReactNode;
  digest?: string;
  testId: string;
  reset: () => void;
}

export function PageLoadError({ pageTitle, title, advice, digest, testId, reset }: Props) {
  return (
    <>
      <PageHeader title={pageTitle} />
      <Card>
        <div role="alert" data-testid={testId}>
          <EmptyState icon={<Icon name="alert" className="h-5 w-5" />} title={title}>
            <p>
              {advice}
              {digest ? ` (reference ${digest})` : ''}.
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
