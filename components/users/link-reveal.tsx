'use client';
// A one-time password link, shown once: copy it and send it to the person yourself.
import { useState } from 'react';
import { Icon } from '../ui/icon';
import { formatUtc } from '../ui/format';
import type { LinkView } from './types';

export function LinkReveal({ link, email }: { link: LinkView; email: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3" data-testid="link-reveal">
      <p className="text-sm text-slate-600">
        Send this link to <span className="font-medium text-slate-900">{email}</span>. It opens a page where they choose their password.
      </p>
      <div className="flex items-stretch gap-2">
        <input
          readOnly
          value={link.url}
          aria-label="One-time link"
          data-testid="invite-link"
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800"
        />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(link.url).then(() => setCopied(true), () => setCopied(false));
          }}
          className="inline-flex shrink-0 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
        >
          <Icon name="copy" className="h-3.5 w-3.5" />
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
        This is the only time the link is shown. It works once and expires {formatUtc(link.expiresAt)}. If it is lost, use “New link” to issue another (the old one stops working).
      </p>
    </div>
  );
}
