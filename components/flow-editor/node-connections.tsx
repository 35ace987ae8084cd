'use client';
// Wiring a step without a mouse: for each output ("next", "yes", "no", "on error"), what it
// leads to (with a remove button) and a "Connect to…" select of the steps it may connect to.
import { useMemo } from 'react';
import type { TDraftGraph } from '@/core/flow/schema';
import { connectionChoices } from './model/connection-choices';
import { useEditorStoreApi } from './store';
import * as cmd from './commands';

export function NodeConnections({ graph, nodeId }: { graph: TDraftGraph; nodeId: string }) {
  const api = useEditorStoreApi();
  const choices = useMemo(() => connectionChoices(graph, nodeId), [graph, nodeId]);
  if (choices.length === 0) return null;
  return (
    <section aria-label="Connections" className="border-t border-slate-200 px-4 py-3" data-testid="node-connections">
      <h3 className="text-sm font-medium text-slate-800">Connections</h3>
      <ul className="mt-2 space-y-2">
        {choices.map((c) => (
          <li key={c.handle} className="text-sm">
            <div className="flex flex-wrap items-center gap-1.5">
              <span className="w-16 shrink-0 text-xs font-medium text-slate-500">{c.name}</span>
              {c.connected.map((t) => (
                <span key={t.edgeId} className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                  → {t.label}
                  <button
                    type="button"
                    onClick={() => cmd.removeEdge(api, t.edgeId)}
                    aria-label={`Remove connection ${c.name} to ${t.label}`}
                    className="rounded px-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700"
                  >
                    ×
                  </button>
                </span>
              ))}
              {c.candidates.length > 0 && (
                <select
                  aria-label={`Connect ${c.name} to`}
                  value=""
                  onChange={(e) => e.target.value && cmd.connect(api, { source: nodeId, sourceHandle: c.handle, target: e.target.value })}
                  className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-600"
                >
                  <option value="">Connect to…</option>
                  {c.candidates.map((t) => (
                    <option key={t.nodeId} value={t.nodeId}>
                      {t.label}
                    </option>
                  ))}
                </select>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
