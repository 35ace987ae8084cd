import type { TExecutableGraph } from '../flow/schema';

export interface StepError {
  code: string;
  message: string;
}

/**
 * One StepRun row as the server stores it (unique per run, node and iteration). `iteration` is
 * '' outside loops, the item index inside a for-each ("2"), and indices joined by "/" in
 * nested loops ("2/0": item 0 of the inner loop, in item 2 of the outer one).
 */
export interface StepRecord {
  nodeId: string;
  iteration: string;
  type: string;
  /** `waiting`: paused at this step (an approval not yet decided, a delay not yet due). */
  status: 'succeeded' | 'failed' | 'skipped' | 'waiting' | 'running';
  /** Resolved, validated params with secrets redacted. */
  input: unknown;
  output: unknown;
  error?: StepError;
  attempt: number;
  /** Position in execution order; stable across attempts of the same run. */
  seq: number;
  startedAt: Date;
  finishedAt: Date;
}

export interface InvokeRequest {
  type: string;
  nodeId: string;
  iteration: string;
  params: Record<string, unknown>;
  attempt: number;
  /** An earlier try of this step failed in a way that may have had an effect: reconcile first. */
  retrying: boolean;
  /** The step's timeout (its settings, else the type's default): the try fails after it. */
  timeoutMs: number;
  /** Polling a machine action started earlier ("wait until finished"): the step's waiting output. */
  resume?: unknown;
}

/** What the executor needs from the outside world; the server implements it per run. */
export interface ExecutionPorts {
  /** Performs an action (server implements per type). Throws ActionError (or anything). */
  invoke(req: InvokeRequest): Promise<unknown>;
  /** Buffers a step record; the server batches the writes. */
  record(step: StepRecord): void;
  /** Makes buffered records durable; awaited after every succeeded side-effect step. */
  checkpoint(): Promise<void>;
  now(): Date;
  /**
   * True once the run was cancelled from outside (the worker learns it by pub/sub, so asking costs
   * nothing). Checked before every step: a cancelled run starts no further step.
   */
  isCancelled?(): boolean;
}

export interface RunError {
  nodeId: string;
  code: string;
  message: string;
}

/** Key of a step in `previous`: the node id, plus `@<iteration>` inside loops. */
export function stepKey(nodeId: string, iteration: string): string {
  return iteration === '' ? nodeId : `${nodeId}@${iteration}`;
}

export type RunOutcome =
  /** `terminated` when a Terminate step ended the run as succeeded. */
  | { status: 'succeeded'; terminated?: { nodeId: string; message: string } }
  | { status: 'failed'; error: RunError }
  /**
   * A Terminate step cancelled the run (the error carries its message), or, with `external`, the
   * run was cancelled from outside while it ran (Postgres already says so).
   */
  | { status: 'cancelled'; error: RunError; external?: boolean }
  | { status: 'retry'; error: RunError; retryAfterMs?: number }
  | { status: 'timed_out'; error: RunError }
  /** Paused at `nodeId` without holding a worker: until `resumeAt` (a delay), or until a decision (an approval). */
  | { status: 'waiting'; nodeId: string; resumeAt?: Date };

export interface ExecuteRunArgs {
  graph: TExecutableGraph;
  /** Trigger data (the alert); tokens read it as `{{ trigger.… }}`. */
  trigger: unknown;
  /** Steps recorded by earlier attempts of this run, by `stepKey(nodeId, iteration)`. */
  previous: Map<string, StepRecord>;
  attempt: number;
  /** When true, retryable errors fail the step instead of asking for a retry. */
  finalAttempt: boolean;
  /**
   * When true, a retryable error that says when to retry (Retry-After, a rate-limit wait) asks
   * for a retry even on the final attempt: waiting is not failing. The worker sets it while it
   * delays such retries without counting them as attempts.
   */
  honourRetryAfter?: boolean;
  /** The run's time limit: no step starts after it (the run ends timed out). */
  deadline?: Date;
  ports: ExecutionPorts;
}
