// Logs the records a poll left out (server/defender/alert-records.ts) once each, not on every poll
// of the overlap window that lists them again: the operator learns that Defender sent something
// unusable, and why, without a log line per alert per poll.
import type { SkippedAlert } from '@/server/defender/mde-client';

type Log = (msg: string, extra?: Record<string, unknown>) => void;

const MAX_REMEMBERED = 10_000;

export function createSkippedAlertLog(log: Log): (connectionId: string, skipped: SkippedAlert[]) => void {
  const seen = new Set<string>();
  return (connectionId, skipped) => {
    for (const s of skipped) {
      const key = `${connectionId}|${s.alertId ?? ''}|${s.reason}`;
      if (seen.has(key)) continue;
      if (seen.size >= MAX_REMEMBERED) seen.clear();
      seen.add(key);
      log('alert skipped', { connectionId, alertId: s.alertId, reason: s.reason });
    }
  };
}
