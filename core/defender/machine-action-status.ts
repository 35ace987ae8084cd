/**
 * A machine action's lifecycle (B.7): Pending → InProgress → Succeeded | Failed | TimeOut |
 * Cancelled. Steps with "Wait until finished" pause until the action leaves the first two.
 */
/** Waits between polls: soon at first (most actions finish within a minute), then every 15 s. */
const POLL_STEPS_MS = [2_000, 5_000, 15_000];

export function machineActionPollMs(pollsSoFar: number): number {
  return POLL_STEPS_MS[Math.min(pollsSoFar, POLL_STEPS_MS.length - 1)] as number;
}

export type MachineActionPhase = 'pending' | 'succeeded' | 'failed';

export function machineActionPhase(status: unknown): MachineActionPhase {
  if (status === 'Pending' || status === 'InProgress') return 'pending';
  if (status === 'Succeeded') return 'succeeded';
  return 'failed';
}
