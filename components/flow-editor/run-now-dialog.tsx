'use client';
// "Run now": start a manual run of the published version or of this draft, on a recent Defender
// alert (searchable), pasted JSON, or the trigger data of an earlier run ("test with previous
// data"); schedule flows simply run now. Afterwards it links to the run's page.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { SeverityBadge, StatusBadge } from '@/components/ui/badge';
import { TRIGGER_NODE_ID } from '@/core/flow/schema';
import { useEditorServices } from './services';
import { useEditorStore } from './store';
import { Button, Dialog } from './parts';
import { parsePayload } from './model/payload';
import type { AlertChoice, EarlierRunChoice, ManualRunActions, RunNowSource, StartRunResult } from './run-now-types';

type SourceTab = 'alert' | 'payload' | 'previousRun';
type Loaded<T> = { state: 'loading' } | { state: 'ready'; items: T[] } | { state: 'failed'; message: string };

const tabClass = (on: boolean) =>
  `flex-1 rounded px-2 py-1 text-xs font-medium ${on ? 'bg-white text-slate-900 shadow-xs ring-1 ring-slate-200' : 'text-slate-600 hover:text-slate-900'}`;
const listClass = 'mt-2 max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200';
const rowClass = (on: boolean) => `flex w-full cursor-pointer items-start gap-2 px-3 py-2 text-left ${on ? 'bg-indigo-50' : 'hover:bg-slate-50'}`;

function useAlerts(actions: ManualRunActions, flowId: string, search: string, active: boolean): Loaded<AlertChoice> {
  const [state, setState] = useState<Loaded<AlertChoice>>({ state: 'loading' });
  useEffect(() => {
    if (!active) return;
    let live = true;
    setState({ state: 'loading' });
    // Typing narrows the list; wait for a pause instead of asking Defender on every key.
    const t = setTimeout(async () => {
      const r = await actions.listAlerts({ flowId, search }).catch(() => ({ ok: false as const, message: 'Could not reach the server.' }));
      if (live) setState(r.ok ? { state: 'ready', items: r.alerts } : { state: 'failed', message: r.message });
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [actions, flowId, search, active]);
  return state;
}

function useEarlierRuns(actions: ManualRunActions, flowId: string, active: boolean): Loaded<EarlierRunChoice> {
  const [state, setState] = useState<Loaded<EarlierRunChoice>>({ state: 'loading' });
  useEffect(() => {
    if (!active) return;
    let live = true;
    void actions
      .listEarlierRuns({ flowId })
      .catch(() => ({ ok: false as const, message: 'Could not reach the server.' }))
      .then((r) => live && setState(r.ok ? { state: 'ready', items: r.runs } : { state: 'failed', message: r.message }));
    return () => {
      live = false;
    };
  }, [actions, flowId, active]);
  return state;
}

function ListState<T>({ loaded, empty, children }: { loaded: Loaded<T>; empty: string; children(items: T[]): React.ReactNode }) {
  if (loaded.state === 'loading') return <p className="mt-2 px-1 text-xs text-slate-500">Loading…</p>;
  if (loaded.state === 'failed') return <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800">{loaded.message}</p>;
  if (loaded.items.length === 0) return <p className="mt-2 px-1 text-xs text-slate-500">{empty}</p>;
  return <>{children(loaded.items)}</>;
}

export function RunNowDialog({ actions, onClose }: { actions: ManualRunActions; onClose(): void }) {
  const { flowId, autosave } = useEditorServices();
  const publishedVersion = useEditorStore((s) => s.publishedVersion);
  const triggerType = useEditorStore((s) => s.graph.nodes.find((n) => n.id === TRIGGER_NODE_ID)?.type ?? null);
  const isSchedule = triggerType === 'schedule.recurrence';
  const [version, setVersion] = useState<'published' | 'draft'>(publishedVersion === null ? 'draft' : 'published');
  const [tab, setTab] = useState<SourceTab>('alert');
  const [search, setSearch] = useState('');
  const [alertId, setAlertId] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [starting, setStarting] = useState(false);
  const [result, setResult] = useState<StartRunResult | null>(null);
  const alerts = useAlerts(actions, flowId, search, !isSchedule && tab === 'alert');
  const earlier = useEarlierRuns(actions, flowId, !isSchedule && tab === 'previousRun');
  const payload = parsePayload(pasted);

  const source: RunNowSource | null = isSchedule
    ? { kind: 'now' }
    : tab === 'alert'
      ? alertId
        ? { kind: 'alert', alertId }
        : null
      : tab === 'payload'
        ? payload.ok
          ? { kind: 'payload', payload: payload.payload }
          : null
        : runId
          ? { kind: 'previousRun', runId }
          : null;

  const start = async () => {
    if (!source) return;
    setStarting(true);
    setResult(null);
    // A draft run uses the server's stored draft: save our latest edits first.
    if (version === 'draft') await autosave()?.flush();
    const r = await actions.startRun({ flowId, version, source }).catch(() => ({ ok: false as const, message: 'Could not reach the server.' }));
    setStarting(false);
    setResult(r);
  };

  const started = result?.ok ? result.runId : null;

  return (
    <Dialog
      title="Run now"
      onClose={onClose}
      testId="run-now-dialog"
      wide
      footer={
        started ? (
          <>
            <Button onClick={() => setResult(null)}>Start another</Button>
            <Button onClick={onClose}>Close</Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" icon="play" onClick={start} disabled={!source || starting} data-testid="run-now-start">
              {starting ? 'Starting…' : 'Start run'}
            </Button>
          </>
        )
      }
    >
      {started ? (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-3 text-emerald-900">
          <p className="font-medium">The run has started.</p>
          <Link href={`/runs/${started}`} className="mt-1 inline-block font-medium text-indigo-700 hover:text-indigo-600" data-testid="run-now-open">
            Open the run →
          </Link>
        </div>
      ) : (
        <div className="space-y-4">
          <fieldset>
            <legend className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Version</legend>
            <div className="mt-1.5 flex flex-col gap-1.5">
              <label className={`flex items-center gap-2 ${publishedVersion === null ? 'text-slate-400' : ''}`}>
                <input type="radio" name="run-version" checked={version === 'published'} disabled={publishedVersion === null} onChange={() => setVersion('published')} />
                Published version{publishedVersion === null ? ' (not published yet)' : ` (v${publishedVersion})`}
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="run-version" checked={version === 'draft'} onChange={() => setVersion('draft')} />
                This draft <span className="text-xs text-slate-500">— a test run; it must pass the checks publishing does</span>
              </label>
            </div>
          </fieldset>

          {isSchedule ? (
            <p className="rounded-md bg-slate-50 px-3 py-2 text-slate-600">The flow runs once now, as if its schedule had fired at this moment.</p>
          ) : (
            <div>
              <div className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Trigger data</div>
              <div role="tablist" aria-label="Trigger data" className="mt-1.5 flex gap-1 rounded-md bg-slate-100 p-0.5">
                <button type="button" role="tab" aria-selected={tab === 'alert'} className={tabClass(tab === 'alert')} onClick={() => setTab('alert')}>
                  An alert
                </button>
                <button type="button" role="tab" aria-selected={tab === 'payload'} className={tabClass(tab === 'payload')} onClick={() => setTab('payload')}>
                  Paste JSON
                </button>
                <button type="button" role="tab" aria-selected={tab === 'previousRun'} className={tabClass(tab === 'previousRun')} onClick={() => setTab('previousRun')}>
                  Data of an earlier run
                </button>
              </div>

              {tab === 'alert' && (
                <div className="mt-2" role="tabpanel">
                  <input
                    type="search"
                    aria-label="Search alerts by title or id"
                    placeholder="Search recent alerts by title or id"
                    value={search}
                    onChange={(e) => setSearch(e.target.value)}
                    className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
                  />
                  <ListState loaded={alerts} empty={search ? 'No recent alert matches.' : 'No alerts in the last 30 days.'}>
                    {(items) => (
                      <ul className={listClass} role="listbox" aria-label="Recent alerts" data-testid="run-now-alerts">
                        {items.map((a) => (
                          <li key={a.id} role="option" aria-selected={alertId === a.id}>
                            <button type="button" className={rowClass(alertId === a.id)} onClick={() => setAlertId(a.id)} data-alert-id={a.id}>
                              <SeverityBadge severity={a.severity} />
                              <span className="min-w-0 flex-1">
                                <span className="block truncate font-medium text-slate-900">{a.title}</span>
                                <span className="block truncate text-xs text-slate-500">
                                  {[a.computerDnsName, a.alertCreationTime?.replace('T', ' ').slice(0, 16), a.id].filter(Boolean).join(' · ')}
                                </span>
                              </span>
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </ListState>
                </div>
              )}

              {tab === 'payload' && (
                <div className="mt-2" role="tabpanel">
                  <textarea
                    aria-label="Trigger data (JSON)"
                    value={pasted}
                    onChange={(e) => setPasted(e.target.value)}
                    rows={8}
                    spellCheck={false}
                    placeholder={'{ "id": "da6374…", "title": "…", "severity": "High", "machineId": "…" }'}
                    className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
                  />
                  {pasted.trim() !== '' && !payload.ok && <p className="mt-1 text-xs text-red-700">{payload.message}</p>}
                </div>
              )}

              {tab === 'previousRun' && (
                <div role="tabpanel">
                  <ListState loaded={earlier} empty="This flow has no runs yet.">
                    {(items) => (
                      <ul className={listClass} role="listbox" aria-label="Earlier runs" data-testid="run-now-runs">
                        {items.map((r) => (
                          <li key={r.id} role="option" aria-selected={runId === r.id}>
                            <button type="button" className={rowClass(runId === r.id)} onClick={() => setRunId(r.id)}>
                              <StatusBadge status={r.status} />
                              <span className="min-w-0 flex-1">
                                <span className="block truncate font-medium text-slate-900">{r.title ?? (r.triggerKind === 'schedule' ? 'Scheduled run' : 'Run')}</span>
                                <span className="block truncate text-xs text-slate-500">{r.createdAt.replace('T', ' ').slice(0, 19)} UTC · {r.triggerKind}</span>
                              </span>
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </ListState>
                </div>
              )}
            </div>
          )}

          {result && !result.ok && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
              <p>{result.message}</p>
              {result.issues && result.issues.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-xs">
                  {result.issues.filter((i) => i.severity === 'error').slice(0, 5).map((i) => (
                    <li key={`${i.nodeId}-${i.code}-${i.message}`}>{i.message}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
