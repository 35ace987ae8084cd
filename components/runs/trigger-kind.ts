// How a run started, in words: the list and the detail page say "Schedule", "Manual" or "Alert".
export const TRIGGER_KIND_LABELS: Record<string, string> = { alert: 'Alert', alertUpdated: 'Alert updated', manual: 'Manual', schedule: 'Schedule' };

export function triggerKindLabel(kind: string): string {
  return Object.hasOwn(TRIGGER_KIND_LABELS, kind) ? (TRIGGER_KIND_LABELS[kind] as string) : kind;
}

/** The run's headline: the alert title when there is one, else what started it. */
export function runTitle(run: { triggerKind: string; summary: { title?: string } | null }): string {
  if (run.summary?.title) return run.summary.title;
  if (run.triggerKind === 'schedule') return 'Scheduled run';
  if (run.triggerKind === 'manual') return 'Manual run';
  return 'Alert';
}

/** Draft test runs are pinned to hidden snapshots with negative numbers. */
export function versionLabel(version: number): string {
  return version < 0 ? 'draft' : `v${version}`;
}
