// Machine actions progress Pending → InProgress → Succeeded as time passes. The
// status is computed from timestamps on every read instead of with timers, so a
// stopped simulator leaves nothing running and tests need no fake clocks.
import type { SimActionRecord } from './types';

export type ActionStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled';

export function actionStatus(record: SimActionRecord, nowMs: number): { status: ActionStatus; changedAtMs: number } {
  if (record.cancelled) return { status: 'Cancelled', changedAtMs: record.cancelled.atMs };
  const elapsed = nowMs - record.createdAtMs;
  const half = record.latencyMs / 2;
  if (elapsed < half) return { status: 'Pending', changedAtMs: record.createdAtMs };
  if (elapsed < record.latencyMs) return { status: 'InProgress', changedAtMs: record.createdAtMs + half };
  return { status: record.failure ? 'Failed' : record.timesOut ? 'TimeOut' : 'Succeeded', changedAtMs: record.createdAtMs + record.latencyMs };
}

const LIVE_RESPONSE_STATUS: Record<ActionStatus, string> = { Pending: 'Created', InProgress: 'Executing', Succeeded: 'Completed', Failed: 'Failed', TimeOut: 'Failed', Cancelled: 'Failed' };

/** Live response `commands[]` (LiveResponseCommandStatus): each command follows the action; after a failed one nothing runs. */
function commandsView(record: SimActionRecord, status: ActionStatus) {
  const half = record.createdAtMs + record.latencyMs / 2;
  const end = record.createdAtMs + record.latencyMs;
  return (record.commands ?? []).map((command, index) => {
    const failedAt = record.failure?.commandIndex;
    let commandStatus = LIVE_RESPONSE_STATUS[status];
    if (status === 'Failed' && failedAt !== undefined) commandStatus = index < failedAt ? 'Completed' : index === failedAt ? 'Failed' : 'Created';
    const started = commandStatus !== 'Created';
    const errors = status === 'Cancelled' ? ['The action was cancelled.'] : index === failedAt && commandStatus === 'Failed' ? [record.failure?.message ?? ''] : [];
    return {
      index,
      startTime: started ? new Date(half).toISOString() : null,
      endTime: commandStatus === 'Completed' || commandStatus === 'Failed' ? new Date(end).toISOString() : null,
      commandStatus,
      errors,
      command: { type: command.type, params: command.params },
    };
  });
}

export function isActive(record: SimActionRecord, nowMs: number): boolean {
  const { status } = actionStatus(record, nowMs);
  return status === 'Pending' || status === 'InProgress';
}

/** The MachineAction entity exactly as MDE serialises it (B.7, `machineaction.md`). */
export function actionView(record: SimActionRecord, nowMs: number) {
  const { status, changedAtMs } = actionStatus(record, nowMs);
  return {
    id: record.id,
    type: record.type,
    title: null,
    requestor: record.requestor,
    requestorComment: record.requestorComment,
    status,
    machineId: record.machineId,
    computerDnsName: record.computerDnsName,
    creationDateTimeUtc: new Date(record.createdAtMs).toISOString(),
    lastUpdateDateTimeUtc: new Date(changedAtMs).toISOString(),
    cancellationRequestor: record.cancelled?.by ?? null,
    cancellationComment: record.cancelled?.comment ?? null,
    cancellationDateTimeUtc: record.cancelled ? new Date(record.cancelled.atMs).toISOString() : null,
    errorHResult: 0,
    scope: record.scope,
    externalId: null,
    requestSource: 'PublicApi',
    relatedFileInfo: null,
    commands: commandsView(record, status),
    troubleshootInfo: null,
  };
}

export type MachineActionView = ReturnType<typeof actionView>;
