// The contract between the "Run now" dialog and the page's server actions (nothing here imports
// server/). Every action authorises on the server; the dialog is untrusted client code.
import type { FlowIssue } from '@/core/flow/issues';

export interface AlertChoice {
  id: string;
  title: string;
  severity: string | null;
  status: string | null;
  computerDnsName: string | null;
  alertCreationTime: string | null;
}

export interface EarlierRunChoice {
  id: string;
  status: string;
  triggerKind: string;
  title: string | null;
  createdAt: string;
}

export type RunNowSource = { kind: 'alert'; alertId: string } | { kind: 'payload'; payload: Record<string, unknown> } | { kind: 'previousRun'; runId: string } | { kind: 'now' };

export type StartRunResult = { ok: true; runId: string } | { ok: false; message: string; issues?: FlowIssue[] };

export interface ManualRunActions {
  listAlerts(input: { flowId: string; search: string }): Promise<{ ok: true; alerts: AlertChoice[] } | { ok: false; message: string }>;
  listEarlierRuns(input: { flowId: string }): Promise<{ ok: true; runs: EarlierRunChoice[] } | { ok: false; message: string }>;
  startRun(input: { flowId: string; version: 'published' | 'draft'; source: RunNowSource }): Promise<StartRunResult>;
}
