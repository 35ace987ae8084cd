'use client';
// The designer is rendered in the browser only: its canvas depends on the window's size and the
// store's client state, so server-rendering it only adds markup to hydrate (issue 3 benchmark).
import dynamic from 'next/dynamic';
import type { FlowEditorProps } from './types';

const FlowEditor = dynamic(() => import('./flow-editor').then((m) => m.FlowEditor), {
  ssr: false,
  loading: () => (
    <div className="flex h-full min-h-[600px] items-center justify-center rounded-xl border border-slate-200 bg-white text-sm text-slate-500">
      Opening the designer…
    </div>
  ),
});

export function FlowEditorClient(props: FlowEditorProps) {
  return <FlowEditor {...props} />;
}
