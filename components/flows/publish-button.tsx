'use client';
// Publishes the draft. A 422 comes back with the checker's issues, listed inline so the
// engineer sees exactly which node to fix.
import { useState, useTransition } from 'react';
import type { ActionResult } from '../action-result';

interface Issue {
  severity: string;
  code: string;
  message: string;
  nodeId?: string;
}

function issuesFrom(details: unknown): Issue[] {
  if (typeof details !== 'object' || details === null || !('issues' in details) || !Array.isArray(details.issues)) return [];
  return details.issues.filter(
    (i): i is Issue => typeof i === 'object' && i !== null && typeof i.message === 'string' && typeof i.severity === 'string',
  );
}

type Outcome = { kind: 'idle' } | { kind: 'published'; version: number } | { kind: 'failed'; message: string; issues: Issue[] };

interface PublishButtonProps {
  flowId: string;
  canWrite: boolean;
  publish: (flowId: string) => Promise<ActionResult<{ version: number }>>;
}

export function PublishButton({ flowId, canWrite, publish }: PublishButtonProps) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  function onClick() {
    startTransition(async () => {
      const result = await publish(flowId);
      setOutcome(result.ok ? { kind: 'published', version: result.data.version } : { kind: 'failed', message: result.error, issues: issuesFrom(result.details) });
    });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <button
        type="button"
        data-testid="publish-button"
        onClick={onClick}
        disabled={!canWrite || pending}
        title={canWrite ? 'Validate the draft and make it the version that runs' : 'Your role cannot publish flows'}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? 'Publishing…' : 'Publish'}
      </button>
      {outcome.kind === 'published' && (
        <p role="status" data-testid="publish-result" className="text-sm text-emerald-700">
          Published as version {outcome.version}.
        </p>
      )}
      {outcome.kind === 'failed' && (
        <div role="alert" data-testid="publish-issues" className="w-full max-w-md rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{outcome.message}</p>
          {outcome.issues.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {outcome.issues.map((issue, i) => (
                <li key={`${issue.code}-${i}`} className={issue.severity === 'warning' ? 'text-amber-800' : undefined}>
                  {issue.nodeId && <code className="mr-1 rounded bg-white/70 px-1 font-mono text-xs">{issue.nodeId}</code>}
                  {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
