// The alert lists the pollers read (new and updated alerts) are checked record by record: a
// record that is not a usable alert (no id, an id no database key can hold, a field of the wrong
// type) is left out and reported with the reason, so one bad record from Defender never fails
// the poll for every other alert of the tenant (found by the fuzzer, issue 9).
import { ZMdeAlert, type MdeAlert } from './entities';

/** MDE alert ids are ~40 characters; anything past this is not an id (and cannot be a key). */
export const MAX_ALERT_ID_LENGTH = 200;

export interface SkippedAlert {
  /** The record's id when it has a usable one. */
  alertId?: string;
  reason: string;
}

export interface AlertListOptions {
  top?: number;
  onSkipped?: (skipped: SkippedAlert) => void;
}

export function usableAlerts(records: unknown[], onSkipped?: (s: SkippedAlert) => void): MdeAlert[] {
  const out: MdeAlert[] = [];
  for (const record of records) {
    const rawId = (record as { id?: unknown } | null)?.id;
    const alertId = typeof rawId === 'string' && rawId.trim() !== '' && rawId.length <= MAX_ALERT_ID_LENGTH ? rawId : undefined;
    if (alertId === undefined) {
      const what = typeof rawId === 'string' ? (rawId.trim() === '' ? 'an empty id' : `an id of ${rawId.length.toLocaleString('en-US')} characters`) : rawId === undefined ? 'no id' : `an id of type ${rawId === null ? 'null' : typeof rawId}`;
      onSkipped?.({ reason: `Defender listed an alert with ${what}; it cannot be tracked or run` });
      continue;
    }
    const parsed = ZMdeAlert.safeParse(record);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      onSkipped?.({ alertId, reason: `Defender sent alert ${alertId} in an unexpected shape (${issues}); no run was started for it` });
      continue;
    }
    out.push(parsed.data);
  }
  return out;
}
