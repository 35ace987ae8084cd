'use client';
// Import an exported flow (the REST API's export format) as a new flow.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ActionResult } from '../action-result';
import { FormError } from '../ui/form';

interface IssueDetail {
  path?: string;
  message?: string;
}

export function ImportFlowForm({ importFlow }: { importFlow: (text: string) => Promise<ActionResult<{ id: string }>> }) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; details: IssueDetail[] } | null>(null);
  const [pending, setPending] = useState(false);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setPending(true);
    setError(null);
    const result = await importFlow(await file.text());
    setPending(false);
    if (result.ok) router.push(`/flows/${result.data.id}`);
    else setError({ message: result.error, details: Array.isArray(result.details) ? (result.details as IssueDetail[]) : [] });
  }

  return (
    <div className="space-y-3">
      <h2 className="text-sm font-semibold text-slate-900">Import a flow</h2>
      <p className="text-sm text-slate-500">Choose a JSON file exported from Riposte (Export in the designer, or the REST API).</p>
      <label className="block">
        <span className="sr-only">Flow file</span>
        <input
          type="file"
          accept="application/json,.json"
          aria-label="Import flow file"
          data-testid="import-flow-file"
          disabled={pending}
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
        />
      </label>
      {pending && <p className="text-sm text-slate-500">Importing…</p>}
      {error && (
        <FormError testId="import-error">
          {/* With per-problem details the joined message would repeat them: show a heading instead. */}
          {error.details.length > 0 ? 'This file is not a valid Riposte flow:' : error.message}
          {error.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {error.details.slice(0, 10).map((d, i) => (
                <li key={i}>{d.path ? `${d.path}: ${d.message}` : d.message}</li>
              ))}
            </ul>
          )}
        </FormError>
      )}
    </div>
  );
}
