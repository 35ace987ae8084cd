// A run's short alert summary (title, severity, machine) — stored both as the `summary` JSON and
// as columns the run list filters on with indexes. Every place that creates a run spreads
// `summaryColumns(...)` into its row, so the two never disagree.
import { Prisma } from '../db/client';

export interface RunSummary {
  alertId?: string;
  title?: string;
  severity?: string;
  machineId?: string;
  computerDnsName?: string;
}

export interface RunSummaryColumns {
  summary: Prisma.InputJsonValue | typeof Prisma.DbNull;
  triggerAlertId: string | null;
  alertTitle: string | null;
  severity: string | null;
  machineId: string | null;
  computerDnsName: string | null;
}

const MAX_FIELD = 500;

export function summariseAlert(alert: unknown): RunSummary {
  const a = (alert ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, MAX_FIELD) : undefined);
  return { alertId: str(a.id), title: str(a.title), severity: str(a.severity), machineId: str(a.machineId), computerDnsName: str(a.computerDnsName) };
}

/** Reads a stored summary JSON back (resubmits copy it); anything malformed becomes null. */
export function parseSummary(json: unknown): RunSummary | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  return summariseAlert({ ...(json as Record<string, unknown>), id: (json as Record<string, unknown>).alertId });
}

export function summaryColumns(summary: RunSummary | null): RunSummaryColumns {
  if (!summary) return { summary: Prisma.DbNull, triggerAlertId: null, alertTitle: null, severity: null, machineId: null, computerDnsName: null };
  return {
    summary: summary as Prisma.InputJsonValue,
    triggerAlertId: summary.alertId ?? null,
    alertTitle: summary.title ?? null,
    severity: summary.severity ?? null,
    machineId: summary.machineId ?? null,
    computerDnsName: summary.computerDnsName?.toLowerCase() ?? null,
  };
}

/** The list's summary, rebuilt from the columns (the list never reads the JSON). */
export function summaryFromColumns(r: { triggerAlertId: string | null; alertTitle: string | null; severity: string | null; machineId: string | null; computerDnsName: string | null }): RunSummary | null {
  if (r.triggerAlertId === null && r.alertTitle === null && r.severity === null && r.machineId === null && r.computerDnsName === null) return null;
  const s: RunSummary = {};
  if (r.triggerAlertId !== null) s.alertId = r.triggerAlertId;
  if (r.alertTitle !== null) s.title = r.alertTitle;
  if (r.severity !== null) s.severity = r.severity;
  if (r.machineId !== null) s.machineId = r.machineId;
  if (r.computerDnsName !== null) s.computerDnsName = r.computerDnsName;
  return s;
}
