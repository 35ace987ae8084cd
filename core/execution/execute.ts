/**
 * The executor (design.md §5). Walks a checked graph in topological order over ports, so the
 * same code runs in the worker, in tests and in a future dry-run. It guarantees:
 *  - a step already recorded as succeeded (in `previous`, per node and loop iteration) is never
 *    invoked again;
 *  - after a side-effect step succeeds, records are made durable before anything else runs
 *    on that path;
 *  - a retryable failure (not on the final attempt) stops the run without recording that step
 *    as failed, so the retry starts it afresh;
 *  - run state (variables, a Terminate) is derived from recorded outputs, so a resumed run
 *    continues exactly where the first one stopped.
 *
 * For-each bodies run as nested scopes: once per item, sequentially or with a bounded pool,
 * each item reading `{{ loop.item }}` / `{{ loop.index }}`; results are collected in item order.
 */
import { evaluateCondition } from '../conditions/evaluate';
import type { TConditionGroup } from '../conditions/schema';
import { isActionError } from '../errors';
import { redact } from '../redact';
import { resolveParams } from '../tokens/resolve';
import { ControlFailure, evaluateControl, variableEffect, type TerminateStatus } from './control';
import { handleOnSuccess } from './handles';
import { bodySteps, planFor, type PlannedNode } from './plan';
import { APPROVAL_TYPE } from '../catalog/control-approval';
import { machineActionPhase, machineActionPollMs } from '../defender/machine-action-status';
import { DEFAULT_TIMEOUT_SECONDS, retryPolicyOf, timeoutMsOf } from '../flow/step-settings';
import { DELAY_TYPE, delayDueAt, type DELAY_UNITS } from '../catalog/control-delay';
import { stepKey, type ExecuteRunArgs, type RunError, type RunOutcome, type StepError, type StepRecord } from './types';

export type * from './types';
export { stepKey } from './types';

interface Failure {
  error: StepError;
  retryable: boolean;
  retryAfterMs?: number;
}

/** Why the run stops early. The first stop wins (a retry only while nothing else stopped it). */
type Stop =
  | { kind: 'failed'; error: RunError }
  | { kind: 'retry'; error: RunError; retryAfterMs?: number }
  | { kind: 'terminated'; nodeId: string; status: TerminateStatus; message: string }
  /** Cancelled from outside (ports.isCancelled) before this step started. */
  | { kind: 'aborted'; nodeId: string }
  /** The run's deadline passed before this step started. */
  | { kind: 'timedOut'; nodeId: string }
  /** Paused at a step: a delay until `resumeAt`, or an approval until someone decides. */
  | { kind: 'wait'; nodeId: string; resumeAt?: Date };

interface RunState {
  args: ExecuteRunArgs;
  variables: Record<string, unknown>;
  stop?: Stop;
}

/** What one scope (the top level, or one loop item) produced. */
interface ScopeResult {
  /** Output of every step that ran (or was reused) in this scope, by node id. */
  outputs: Record<string, unknown>;
  /** Some step failed and an error branch handled it. */
  handledFailure: boolean;
  /** Some step failed with nothing to handle it (the run fails). */
  unhandled: boolean;
}

export interface LoopItemResult {
  index: number;
  item: unknown;
  /** 'failed' when a step of this item failed and its error branch handled it. */
  status: 'succeeded' | 'failed';
  outputs: Record<string, unknown>;
}

const TERMINATE = 'control.terminate';
const FOR_EACH = 'control.forEach';
const VARIABLE_STEPS = new Set(['control.setVariable', 'control.appendVariable']);

export async function executeRun(args: ExecuteRunArgs): Promise<RunOutcome> {
  const plan = planFor(args.graph);
  const state: RunState = { args, variables: {} };
  // Token context: `trigger`, the run variables, plus the output of every executed node, by id.
  const context: Record<string, unknown> = { trigger: args.trigger, variables: state.variables };
  await runScope(state, plan.order, context, '', undefined);
  return outcomeOf(state.stop);
}

/** Reads the stop afresh: other loop items may have set it while this path awaited. */
function stopOf(state: RunState): Stop | undefined {
  return state.stop;
}

function outcomeOf(stop: Stop | undefined): RunOutcome {
  if (stop === undefined) return { status: 'succeeded' };
  if (stop.kind === 'failed') return { status: 'failed', error: stop.error };
  if (stop.kind === 'retry') {
    return stop.retryAfterMs === undefined ? { status: 'retry', error: stop.error } : { status: 'retry', error: stop.error, retryAfterMs: stop.retryAfterMs };
  }
  if (stop.kind === 'wait') return stop.resumeAt === undefined ? { status: 'waiting', nodeId: stop.nodeId } : { status: 'waiting', nodeId: stop.nodeId, resumeAt: stop.resumeAt };
  if (stop.kind === 'timedOut') {
    return { status: 'timed_out', error: { nodeId: stop.nodeId, code: 'RunTimedOut', message: 'The run reached its time limit before this step started (the trigger\'s run timeout).' } };
  }
  if (stop.kind === 'aborted') {
    return { status: 'cancelled', external: true, error: { nodeId: stop.nodeId, code: 'Cancelled', message: 'The run was cancelled before this step started.' } };
  }
  if (stop.status === 'succeeded') return { status: 'succeeded', terminated: { nodeId: stop.nodeId, message: stop.message } };
  const error: RunError = { nodeId: stop.nodeId, code: 'Terminated', message: stop.message === '' ? 'The run was ended by a Terminate step.' : stop.message };
  return stop.status === 'failed' ? { status: 'failed', error } : { status: 'cancelled', error };
}

/**
 * Runs the steps of one scope in order. `entry` is the for-each whose `each` handle activates
 * this scope's first steps (undefined at the top level).
 */
async function runScope(state: RunState, scope: PlannedNode[], context: Record<string, unknown>, iteration: string, entry: string | undefined): Promise<ScopeResult> {
  const { ports, previous, attempt } = state.args;
  const result: ScopeResult = { outputs: {}, handledFailure: false, unhandled: false };
  // The handle each executed node took; a node runs when an incoming edge matches.
  const taken = new Map<string, string>();
  if (entry !== undefined) taken.set(entry, 'each');

  for (const planned of scope) {
    const { node, def } = planned;
    // A retry re-runs everything not recorded; a wait resumes here later. Neither skips the rest.
    if (state.stop?.kind === 'retry' || state.stop?.kind === 'wait') return result;
    const prev = previous.get(stepKey(node.id, iteration));
    const reused = prev?.status === 'succeeded';

    if (def.kind === 'trigger') {
      taken.set(node.id, 'out');
      if (!reused) record(ports, planned, iteration, { status: 'succeeded', input: null, output: null, attempt });
      continue;
    }

    const activated = planned.incoming.some((e) => taken.get(e.source) === e.sourceHandle);
    if (state.stop !== undefined || !activated) {
      skip(ports, planned, iteration, attempt);
      continue;
    }
    // Cancelled from outside: this step and the rest never start and stay unrecorded.
    if (!reused && ports.isCancelled?.() === true) {
      state.stop ??= { kind: 'aborted', nodeId: node.id };
      return result;
    }
    if (!reused && state.args.deadline !== undefined && ports.now() > state.args.deadline) {
      state.stop ??= { kind: 'timedOut', nodeId: node.id };
      return result;
    }

    if (reused && prev !== undefined) {
      applyOutput(state, planned, prev.output, context, taken, result, iteration);
      continue;
    }

    // A machine action waiting to finish is polled through its implementation (below), not waited on.
    const polling = prev?.status === 'waiting' && def.completesAsync === true ? prev.output : undefined;
    if (prev?.status === 'waiting' && polling === undefined) {
      // Paused here by an earlier execution: a due delay completes, anything else waits on.
      const due = def.type === DELAY_TYPE ? delayResumeAt(prev.output) : undefined;
      const now = ports.now();
      if (due !== undefined && due <= now) {
        const out = { until: due.toISOString(), waitedMs: Math.max(0, now.getTime() - prev.startedAt.getTime()) };
        record(ports, planned, iteration, { status: 'succeeded', input: prev.input, output: out, attempt, startedAt: prev.startedAt });
        applyOutput(state, planned, out, context, taken, result, iteration);
        continue;
      }
      state.stop ??= due === undefined ? { kind: 'wait', nodeId: node.id } : { kind: 'wait', nodeId: node.id, resumeAt: due };
      return result;
    }

    const startedAt = ports.now();
    const resolved = resolveParams(node.params, context, planned.encoders);
    const parsed = def.params.safeParse(resolved.value);
    let output: unknown;
    let failure: Failure | undefined;

    if (!parsed.success) {
      failure = { error: { code: 'InvalidParams', message: invalidParamsMessage(parsed.error.issues, resolved) }, retryable: false };
    } else if (def.kind === 'condition') {
      // Operands were already resolved above, so the evaluator gets them as they are.
      // The catalog's condition params schema is ZConditionGroup, so the data is a group.
      output = evaluateCondition(parsed.data as unknown as TConditionGroup, (v) => v);
    } else if (def.type === FOR_EACH) {
      const loop = await runLoop(state, planned, parsed.data as unknown as LoopParams, context, iteration);
      const stop = stopOf(state);
      if ('error' in loop) failure = { error: loop.error, retryable: false };
      else if (stop !== undefined) {
        // Stopped mid-loop: by a retry (records nothing), a failed item or a Terminate.
        if (stop.kind === 'retry' || stop.kind === 'wait') return result;
        const failedItem = loop.failedItem;
        if (failedItem === undefined) {
          skip(ports, planned, iteration, attempt, { count: loop.results.filter(Boolean).length, results: loop.results.filter(Boolean) });
          continue;
        }
        failure = { error: { code: 'ItemFailed', message: `Item ${failedItem.index} failed: ${failedItem.message}` }, retryable: false };
      } else {
        output = { count: loop.results.length, results: loop.results };
      }
    } else if (def.type === DELAY_TYPE) {
      const due = delayDueAt(parsed.data as DelayParams, startedAt);
      if ('error' in due) failure = { error: { code: 'InvalidDelay', message: due.error }, retryable: false };
      else if (due.getTime() <= startedAt.getTime()) output = { until: due.toISOString(), waitedMs: 0 };
      else {
        record(ports, planned, iteration, { status: 'waiting', input: redact(parsed.data), output: { until: due.toISOString() }, attempt, startedAt });
        await ports.checkpoint();
        state.stop ??= { kind: 'wait', nodeId: node.id, resumeAt: due };
        return result;
      }
    } else if (def.kind === 'control') {
      try {
        output = evaluateControl(def.type, parsed.data as Record<string, unknown>, state.variables);
      } catch (err) {
        if (!(err instanceof ControlFailure)) throw err;
        failure = { error: err.stepError, retryable: false };
      }
    } else {
      try {
        output = await ports.invoke({
          type: def.type,
          nodeId: node.id,
          iteration,
          params: parsed.data as Record<string, unknown>,
          attempt,
          retrying: prev?.status === 'running',
          ...(polling === undefined ? {} : { resume: polling }),
          timeoutMs: node.settings?.timeoutSeconds !== undefined ? timeoutMsOf(node.settings) : (def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
        });
      } catch (err) {
        failure = classify(err);
      }
    }

    const input = def.type === FOR_EACH ? forEachInput(parsed, resolved.value) : redact(parsed.success ? parsed.data : resolved.value);
    // "Wait until finished": pause while Defender runs the action; fail if it ends badly or too late.
    const waits = def.completesAsync === true && parsed.success && (parsed.data as { waitUntilDone?: unknown }).waitUntilDone === true;
    if (failure === undefined && waits && output !== null && typeof output === 'object') {
      const action = output as { status?: unknown; waitDeadline?: unknown };
      const phase = machineActionPhase(action.status);
      const deadline = waitDeadlineOf(polling, startedAt, (parsed.data as { waitTimeoutMinutes?: number }).waitTimeoutMinutes ?? 30);
      if (phase === 'failed') {
        failure = { error: { code: `MachineAction${String(action.status)}`, message: `Defender reports the machine action ${String(action.status)}.` }, retryable: false };
      } else if (phase === 'pending' && startedAt.getTime() >= deadline.getTime()) {
        failure = { error: { code: 'MachineActionTimedOut', message: `The machine action was still ${String(action.status)} when the step stopped waiting (${deadline.toISOString()}).` }, retryable: false };
      } else if (phase === 'pending') {
        const keep = polling !== null && typeof polling === 'object' ? (polling as { alreadyRequested?: unknown }).alreadyRequested : undefined;
        const polls = polling !== null && typeof polling === 'object' ? Number((polling as { polls?: unknown }).polls ?? 0) : 0;
        const waitingOutput = { ...action, ...(keep === undefined ? {} : { alreadyRequested: keep }), waitDeadline: deadline.toISOString(), polls: polls + 1 };
        record(ports, planned, iteration, { status: 'waiting', input, output: waitingOutput, attempt, startedAt: polling === undefined ? startedAt : (prev?.startedAt ?? startedAt) });
        await ports.checkpoint();
        state.stop ??= { kind: 'wait', nodeId: node.id, resumeAt: new Date(Math.min(deadline.getTime(), startedAt.getTime() + machineActionPollMs(polls))) };
        return result;
      }
    }
    if (failure === undefined && def.type === APPROVAL_TYPE && isPendingApproval(output)) {
      // Asked: the run pauses here; the decision is written as this step's output later.
      record(ports, planned, iteration, { status: 'waiting', input, output, attempt, startedAt });
      await ports.checkpoint();
      state.stop ??= { kind: 'wait', nodeId: node.id };
      return result;
    }
    // Tries of this step so far that failed and were retried (recorded as `running`).
    const failedTries = prev?.status === 'running' ? prev.attempt : 0;
    if (failure === undefined) {
      const out = output ?? null;
      record(ports, planned, iteration, { status: 'succeeded', input, output: out, attempt: failedTries > 0 ? failedTries + 1 : attempt, startedAt });
      applyOutput(state, planned, out, context, taken, result, iteration);
      if (def.sideEffect) await ports.checkpoint();
      continue;
    }

    const error: RunError = { nodeId: node.id, ...failure.error };
    const stop = stopOf(state);
    // A wait the worker honours (Retry-After, a rate-limit wait) is not a failure, even on the final attempt.
    const told = state.args.honourRetryAfter === true && failure.retryAfterMs !== undefined;
    if (failure.retryable && (!state.args.finalAttempt || told) && (stop === undefined || stop.kind === 'retry')) {
      if (def.kind !== 'action') {
        state.stop ??= failure.retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs: failure.retryAfterMs };
        return result;
      }
      // The step's retry policy; a Retry-After or rate-limit wait is not a try of its own.
      const policy = retryPolicyOf(node.settings);
      const tries = told ? failedTries : failedTries + 1;
      if (told || tries <= policy.count) {
        // A counted try is recorded (as `running`, with its error) so the next execution knows how
        // many were made; a wait leaves the record as it was.
        if (!told) record(ports, planned, iteration, { status: 'running', input, output: null, error: failure.error, attempt: tries, startedAt });
        const waitMs = Math.max(told ? 0 : policy.delayMs(tries), failure.retryAfterMs ?? 0);
        state.stop ??= { kind: 'retry', error, retryAfterMs: waitMs };
        return result;
      }
      // Out of retries: the step fails (its error branch, if any, runs).
    }
    record(ports, planned, iteration, { status: 'failed', input, output: null, error: failure.error, attempt: failedTries > 0 ? failedTries + 1 : attempt, startedAt });
    // Error branches may mention what went wrong: {{ isolate.error.message }}.
    const failedOutput = { error: failure.error };
    context[node.id] = failedOutput;
    result.outputs[node.id] = failedOutput;
    taken.set(node.id, 'error');
    if (planned.hasErrorEdge) {
      result.handledFailure = true;
    } else {
      result.unhandled = true;
      // A failed loop reports the step inside it that failed, which is what the user must fix.
      state.stop ??= { kind: 'failed', error };
    }
  }
  return result;
}

interface LoopParams {
  items: unknown[];
  concurrency: number;
  limit: number;
}

type LoopRun =
  | { results: LoopItemResult[]; failedItem?: { index: number; message: string } }
  | { error: StepError };

/** Runs the loop body once per item with at most `concurrency` items in flight. */
async function runLoop(state: RunState, loop: PlannedNode, params: LoopParams, context: Record<string, unknown>, iteration: string): Promise<LoopRun> {
  const { items, concurrency, limit } = params;
  if (items.length > limit) {
    return {
      error: {
        code: 'TooManyItems',
        message: `The list has ${items.length} items, more than this loop's limit of ${limit}; raise "Item limit" or filter the list first.`,
      },
    };
  }
  const body = loop.body ?? [];
  const results: LoopItemResult[] = new Array<LoopItemResult>(items.length);
  let next = 0;
  let failedItem: { index: number; message: string } | undefined;
  const worker = async () => {
    while (state.stop === undefined && next < items.length) {
      const index = next++;
      const item = items[index];
      const key = iteration === '' ? String(index) : `${iteration}/${index}`;
      const itemContext = { ...context, [loop.node.id]: { item, index } };
      const out = await runScope(state, body, itemContext, key, loop.node.id);
      results[index] = { index, item, status: out.handledFailure ? 'failed' : 'succeeded', outputs: out.outputs };
      if (out.unhandled && failedItem === undefined) {
        const stop = stopOf(state);
        const error = stop?.kind === 'failed' ? stop.error : undefined;
        failedItem = { index, message: error === undefined ? 'a step failed' : `${error.nodeId}: ${error.code}: ${error.message}` };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return failedItem === undefined ? { results } : { results, failedItem };
}

/** A loop's recorded input omits the (possibly long) list itself: the output carries the items. */
function forEachInput(parsed: { success: boolean; data?: unknown }, raw: unknown): unknown {
  const value = (parsed.success ? parsed.data : raw) as Record<string, unknown> | undefined;
  if (value === undefined || value === null || typeof value !== 'object') return redact(value);
  const items = value.items;
  return redact({ ...value, items: Array.isArray(items) ? { count: items.length } : items });
}

/** Applies a succeeded step's output (fresh or recorded) to the run: tokens, branch, state. */
function applyOutput(
  state: RunState,
  planned: PlannedNode,
  output: unknown,
  context: Record<string, unknown>,
  taken: Map<string, string>,
  result: ScopeResult,
  iteration: string,
): void {
  const { node, def } = planned;
  context[node.id] = output;
  result.outputs[node.id] = output;
  taken.set(node.id, handleOnSuccess(def.type, def.kind, output));
  const variable = variableEffect(def.type, output);
  if (variable !== undefined) state.variables[variable[0]] = variable[1];
  if (def.type === TERMINATE) {
    const o = (output ?? {}) as { status?: TerminateStatus; message?: string };
    state.stop ??= { kind: 'terminated', nodeId: node.id, status: o.status ?? 'failed', message: o.message ?? '' };
  }
  if (def.type === FOR_EACH && planned.body !== undefined) replayLoopVariables(state, planned, output, iteration);
}

/**
 * A loop recorded as succeeded is not walked again, but the variables its body set must still
 * hold afterwards: replay the body's recorded set/append outputs in item order.
 */
function replayLoopVariables(state: RunState, loop: PlannedNode, output: unknown, iteration: string): void {
  if (!bodySteps(loop).some((p) => VARIABLE_STEPS.has(p.def.type))) return;
  const count = output !== null && typeof output === 'object' ? Number((output as { count?: unknown }).count ?? 0) : 0;
  for (let index = 0; index < count; index++) {
    const key = iteration === '' ? String(index) : `${iteration}/${index}`;
    for (const p of loop.body ?? []) {
      const prev = state.args.previous.get(stepKey(p.node.id, key));
      if (prev?.status !== 'succeeded') continue;
      const variable = variableEffect(p.def.type, prev.output);
      if (variable !== undefined) state.variables[variable[0]] = variable[1];
      if (p.def.type === FOR_EACH && p.body !== undefined) replayLoopVariables(state, p, prev.output, key);
    }
  }
}

/** Records a step as skipped; a skipped loop skips its whole body in this iteration too. */
function skip(ports: ExecuteRunArgs['ports'], planned: PlannedNode, iteration: string, attempt: number, output: unknown = null): void {
  record(ports, planned, iteration, { status: 'skipped', input: null, output, attempt });
  if (planned.body !== undefined && output === null) {
    for (const inner of bodySteps(planned)) record(ports, inner, iteration, { status: 'skipped', input: null, output: null, attempt });
  }
}

function record(
  ports: ExecuteRunArgs['ports'],
  planned: PlannedNode,
  iteration: string,
  step: Omit<StepRecord, 'nodeId' | 'type' | 'iteration' | 'seq' | 'startedAt' | 'finishedAt'> & { startedAt?: Date },
): void {
  const finishedAt = ports.now();
  ports.record({
    nodeId: planned.node.id,
    type: planned.node.type,
    iteration,
    seq: planned.seq,
    ...step,
    startedAt: step.startedAt ?? finishedAt,
    finishedAt,
  });
}

function classify(err: unknown): Failure {
  if (isActionError(err)) {
    return {
      error: { code: err.code, message: err.message },
      retryable: err.retryable,
      ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
    };
  }
  // A bug or an unexpected library error: retry (it may be transient) but say what it was.
  const message = err instanceof Error ? err.message : String(err);
  return { error: { code: 'Unexpected', message }, retryable: true };
}

function invalidParamsMessage(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  resolved: { missing: string[]; invalid: string[] },
): string {
  const fields = issues.map((i) => `${i.path.map(String).join('.') || 'params'}: ${i.message}`);
  const notes = [
    ...resolved.missing.map((m) => `{{ ${m} }} has no value`),
    ...resolved.invalid.map((m) => `invalid token ${m}`),
  ];
  return `Invalid parameters — ${[...fields, ...notes].join('; ')}`;
}

type DelayParams = { amount?: number; unit: (typeof DELAY_UNITS)[number]; until?: string };

/** When a recorded waiting delay is due (its output holds `until`). */
function delayResumeAt(output: unknown): Date | undefined {
  const until = output !== null && typeof output === 'object' ? (output as { until?: unknown }).until : undefined;
  const at = typeof until === 'string' ? new Date(until) : undefined;
  return at !== undefined && !Number.isNaN(at.getTime()) ? at : undefined;
}

/** An approval request the implementation created (or found) still open. */
function isPendingApproval(output: unknown): boolean {
  return output !== null && typeof output === 'object' && (output as { status?: unknown }).status === 'pending';
}

/** When a "wait until finished" step gives up: fixed when it first paused (kept in its output). */
function waitDeadlineOf(polling: unknown, startedAt: Date, timeoutMinutes: number): Date {
  const kept = polling !== null && typeof polling === 'object' ? (polling as { waitDeadline?: unknown }).waitDeadline : undefined;
  const at = typeof kept === 'string' ? new Date(kept) : undefined;
  return at !== undefined && !Number.isNaN(at.getTime()) ? at : new Date(startedAt.getTime() + timeoutMinutes * 60_000);
}
