'use client';
// The one-time display of a new token's secret: it exists only in this component's memory.
import { useState } from 'react';
import { Icon } from '../ui/icon';

export function NewTokenSecret({ name, token, onDone }: { name: string; token: string; onDone(): void }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = () => {
    // Clipboard needs a secure context (https or localhost); say so instead of failing silently.
    if (!navigator.clipboard) {
      setCopied('failed');
      return;
    }
    navigator.clipboard.writeText(token).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <section data-testid="new-token" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 px-5 py-4 shadow-xs">
      <div className="flex items-start gap-3">
        <span className="mt-0.5 text-amber-700">
          <Icon name="alert" className="h-5 w-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-amber-950">Copy the token “{name}” now</h2>
          <p className="mt-0.5 text-sm text-amber-900">It will not be shown again: Riposte stores only a hash of it. If you lose it, revoke it and create a new one.</p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <code data-testid="new-token-secret" className="min-w-0 flex-1 rounded-md border border-amber-200 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 select-all">
              {token}
            </code>
            <button type="button" onClick={copy} className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
              <Icon name="copy" />
              {copied === 'yes' ? 'Copied' : 'Copy'}
            </button>
          </div>
          {copied === 'failed' && <p className="mt-2 text-sm text-amber-900">The browser would not copy it: select the token and copy it by hand.</p>}
          <p className="mt-3 text-xs text-amber-900">
            Use it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> on the REST API (<code className="font-mono">/api/v1/…</code>).
          </p>
        </div>
        <button type="button" onClick={onDone} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-100">
          Done
        </button>
      </div>
    </section>
  );
}
