/**
 * The executor (design.md §5). Walks a checked graph in topological order over ports, so the
 * same code runs in the worker, in tests and in a future dry-run. It guarantees:
 *  - a node already recorded as succeeded (in `previous`) is never invoked again;
 *  - after a side-effect step succeeds, records are made durable before anything else runs;
 *  - a retryable failure (not on the final attempt) stops the run at once without recording
 *    that step as failed, so the retry starts it afresh.
 */
import { evaluateCondition } from '../conditions/evaluate';
import type { TConditionGroup } from '../conditions/schema';
import { isActionError } from '../errors';
import { redact } from '../redact';
import { resolveValue } from '../tokens/resolve';
import { planFor, type PlannedNode } from './plan';
import type { ExecuteRunArgs, RunError, RunOutcome, StepError, StepRecord } from './types';

export type * from './types';

interface Failure {
  error: StepError;
  retryable: boolean;
  retryAfterMs?: number;
}

export async function executeRun(args: ExecuteRunArgs): Promise<RunOutcome> {
  const { graph, trigger, previous, attempt, finalAttempt, ports } = args;
  const plan = planFor(graph);
  // Token context: `trigger` plus the output of every executed node, by node id.
  const context: Record<string, unknown> = { trigger };
  // The handle each executed node took; a node runs when an incoming edge matches.
  const taken = new Map<string, string>();
  let runError: RunError | undefined;
  let seq = 0;

  for (const planned of plan.order) {
    const { node, def } = planned;
    seq += 1;
    const prev = previous.get(node.id);
    const reused = prev?.status === 'succeeded';

    if (def.kind === 'trigger') {
      taken.set(node.id, 'out');
      if (!reused) record(ports, planned, { status: 'succeeded', input: null, output: null, attempt, seq });
      continue;
    }

    const activated = planned.incoming.some((e) => taken.get(e.source) === e.sourceHandle);
    if (runError !== undefined || !activated) {
      record(ports, planned, { status: 'skipped', input: null, output: null, attempt, seq });
      continue;
    }
    // Not-yet-run steps of a cancelled run stay unrecorded: they were neither taken nor skipped.
    if (!reused && ports.isCancelled?.() === true) return { status: 'cancelled' };

    if (reused && prev !== undefined) {
      context[node.id] = prev.output;
      taken.set(node.id, handleFor(planned, prev.output));
      continue;
    }

    const startedAt = ports.now();
    const resolved = resolveValue(node.params, context);
    const parsed = def.params.safeParse(resolved.value);
    let output: unknown;
    let failure: Failure | undefined;

    if (!parsed.success) {
      failure = { error: { code: 'InvalidParams', message: invalidParamsMessage(parsed.error.issues, resolved) }, retryable: false };
    } else if (def.kind === 'condition') {
      // Operands were already resolved above, so the evaluator gets them as they are.
      // The catalog's condition params schema is ZConditionGroup, so the data is a group.
      output = evaluateCondition(parsed.data as unknown as TConditionGroup, (v) => v);
    } else {
      try {
        output = await ports.invoke({ type: def.type, nodeId: node.id, params: parsed.data as Record<string, unknown>, attempt });
      } catch (err) {
        failure = classify(err);
      }
    }

    const input = redact(parsed.success ? parsed.data : resolved.value);
    if (failure === undefined) {
      const out = output ?? null;
      record(ports, planned, { status: 'succeeded', input, output: out, attempt, seq, startedAt });
      context[node.id] = out;
      taken.set(node.id, handleFor(planned, out));
      if (def.sideEffect) await ports.checkpoint();
      continue;
    }

    const error: RunError = { nodeId: node.id, ...failure.error };
    const told = args.honourRetryAfter === true && failure.retryAfterMs !== undefined;
    if (failure.retryable && (!finalAttempt || told)) {
      return failure.retryAfterMs === undefined
        ? { status: 'retry', error }
        : { status: 'retry', error, retryAfterMs: failure.retryAfterMs };
    }
    record(ports, planned, { status: 'failed', input, output: null, error: failure.error, attempt, seq, startedAt });
    // Error branches may mention what went wrong: {{ isolate.error.message }}.
    context[node.id] = { error: failure.error };
    taken.set(node.id, 'error');
    if (!planned.hasErrorEdge) runError = error;
  }

  return runError === undefined ? { status: 'succeeded' } : { status: 'failed', error: runError };
}

/** Which handle a successful node takes. */
function handleFor(planned: PlannedNode, output: unknown): string {
  if (planned.def.kind !== 'condition') return 'out';
  const result = output !== null && typeof output === 'object' && (output as { result?: unknown }).result === true;
  return result ? 'true' : 'false';
}

function record(
  ports: ExecuteRunArgs['ports'],
  planned: PlannedNode,
  step: Omit<StepRecord, 'nodeId' | 'type' | 'startedAt' | 'finishedAt'> & { startedAt?: Date },
): void {
  const finishedAt = ports.now();
  ports.record({
    nodeId: planned.node.id,
    type: planned.node.type,
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
