'use client';
// The redirect URI to register in Entra ID (Authentication → Web → Redirect URIs), with a copy button.
import { useState } from 'react';
import { Icon } from '../ui/icon';

export function RedirectUriField({ value }: { value: string | null }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1.5">
      <p className="block text-sm font-medium text-slate-700">Redirect URI to register</p>
      {value ? (
        <div className="flex items-center gap-2">
          <code data-testid="sso-redirect-uri" className="min-w-0 flex-1 truncate rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800" title={value}>
            {value}
          </code>
          <button
            type="button"
            aria-label="Copy redirect URI"
            onClick={() => {
              void navigator.clipboard?.writeText(value).then(() => setCopied(true));
            }}
            className="rounded-md border border-slate-300 bg-white p-2 text-slate-600 shadow-xs hover:bg-slate-50"
          >
            <Icon name={copied ? 'check-circle' : 'copy'} className="h-4 w-4" />
          </button>
        </div>
      ) : (
        <p className="text-sm text-amber-800">Set RIPOSTE_PUBLIC_URL so Riposte knows its own address.</p>
      )}
      <p className="text-xs text-slate-500">Platform “Web”, exactly as shown. Behind a proxy, set RIPOSTE_PUBLIC_URL to the address people use.</p>
    </div>
  );
}
