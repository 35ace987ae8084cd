'use client';
// One captured email's body: the plain text, and when the message has an HTML part, that part
// rendered in a fully sandboxed frame (no scripts, no forms, no same-origin access; our CSP also
// applies inside it, so it loads nothing from elsewhere) or shown as its source text.
import { useState } from 'react';

type View = 'text' | 'html' | 'source';
const LABEL: Record<View, string> = { text: 'Text', html: 'HTML', source: 'HTML source' };

export function EmailBody({ text, html }: { text: string; html: string | null }) {
  const [view, setView] = useState<View>('text');
  const views: View[] = html ? ['text', 'html', 'source'] : ['text'];
  return (
    <div>
      {html && (
        <div className="flex gap-1 border-b border-slate-100 px-5 pt-2" role="tablist" aria-label="Email body">
          {views.map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              data-testid={`email-view-${v}`}
              onClick={() => setView(v)}
              className={`-mb-px border-b-2 px-2 py-1 text-xs font-medium ${view === v ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-700'}`}
            >
              {LABEL[v]}
            </button>
          ))}
        </div>
      )}
      {view === 'html' && html ? (
        <iframe
          title="HTML version of the email"
          data-testid="email-html"
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={html}
          className="block h-72 w-full border-0 bg-white"
        />
      ) : (
        <pre data-testid={view === 'source' ? 'email-html-source' : 'email-text'} className="max-h-72 overflow-auto px-5 py-4 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-700">
          {view === 'source' && html ? html : text}
        </pre>
      )}
    </div>
  );
}
