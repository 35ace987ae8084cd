/**
 * Runs a Run code step's JavaScript in QuickJS compiled to WebAssembly — never in the host's
 * Node (no vm, eval or Function anywhere here). Every run gets a fresh runtime and context,
 * so nothing survives between runs (a prototype changed in one run is gone in the next). The
 * sandbox has no module loader (static and dynamic import fail), no file system, network,
 * environment or timers; the only host function is the captured console, and the only data
 * in is the JSON input. Memory, time and stack are limited per run, and each limit fails the
 * step with its own code. See docs/run-code.md.
 */
import { Scope, type QuickJSContext, type QuickJSHandle } from 'quickjs-emscripten-core';
import { ActionError } from '@/core/errors';
import { ConsoleCapture, type LogLine } from './console-capture';
import { PRELUDE_SOURCE } from './prelude';
import { discardQuickjsModule, quickjsModule } from './quickjs-module';

export interface RunCodeRequest {
  /** An ES module whose default export is `main(input)`. */
  code: string;
  input: Record<string, unknown>;
  timeoutMs: number;
  memoryMb: number;
}

export interface RunCodeOutput {
  result: unknown;
  logs: LogLine[];
  durationMs: number;
}

/** A result larger than this (as JSON) fails the step: step outputs are stored with the run. */
export const MAX_RESULT_BYTES = 1024 * 1024;
/**
 * The interpreter's own stack limit. It must stay well below what the host's stack can hold
 * for the wasm frames of that depth (512 KB overflowed Node's stack in tests), so that deep
 * recursion ends in QuickJS's "stack overflow" error, not in the host.
 */
export const MAX_STACK_BYTES = 256 * 1024;
/** Fixed file name in stack traces, so line numbers point into the user's code. */
const FILE_NAME = 'code.js';

function codeError(code: string, message: string, details?: unknown): ActionError {
  return new ActionError(code, message, details === undefined ? {} : { details });
}

interface ErrorShape {
  name?: string;
  message: string;
  line?: number;
  column?: number;
}

/** Reads a thrown value; under memory exhaustion even reading it can fail. */
function describeError(vm: QuickJSContext, error: QuickJSHandle): ErrorShape {
  try {
    const dumped: unknown = vm.dump(error);
    // When memory is so exhausted that QuickJS cannot even build its "out of memory" error,
    // the exception it leaves is null. (A deliberate `throw null` reads the same; rare.)
    if (dumped === null || dumped === undefined) return { name: 'InternalError', message: 'out of memory' };
    if (typeof dumped !== 'object') return { message: String(dumped) };
    const e = dumped as { name?: unknown; message?: unknown; stack?: unknown; lineNumber?: unknown };
    const stack = typeof e.stack === 'string' ? e.stack : '';
    const at = new RegExp(`${FILE_NAME.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`).exec(stack);
    const line = at !== null ? Number(at[1]) : typeof e.lineNumber === 'number' ? e.lineNumber : undefined;
    return {
      ...(typeof e.name === 'string' ? { name: e.name } : {}),
      message: typeof e.message === 'string' ? e.message : JSON.stringify(dumped).slice(0, 500),
      ...(line !== undefined ? { line } : {}),
      ...(at?.[2] !== undefined ? { column: Number(at[2]) } : {}),
    };
  } catch {
    return { name: 'InternalError', message: 'out of memory' };
  }
}

class Limits {
  timedOut = false;
  constructor(readonly deadline: number, readonly req: RunCodeRequest) {}

  /** The step error for something the code threw (or the interpreter threw at a limit). */
  failure(vm: QuickJSContext, error: QuickJSHandle): ActionError {
    if (this.timedOut || Date.now() > this.deadline) return this.timeout();
    const e = describeError(vm, error);
    const where = e.line !== undefined ? ` (line ${e.line})` : '';
    if (e.name === 'InternalError' && e.message === 'out of memory') return this.memory();
    if (e.name === 'InternalError' && e.message === 'stack overflow') {
      return codeError('CodeError', `Stack overflow: the code nested calls too deeply (runaway recursion?)${where}.`, { name: e.name, message: e.message, line: e.line });
    }
    const label = e.name !== undefined && e.name !== '' ? `${e.name}: ${e.message}` : `Uncaught ${e.message}`;
    return codeError('CodeError', `${label}${where}`, { ...e });
  }

  timeout(): ActionError {
    return codeError('CodeTimeout', `The code ran longer than ${this.req.timeoutMs} ms and was stopped.`);
  }

  memory(): ActionError {
    return codeError('CodeMemoryLimit', `The code used more than its ${this.req.memoryMb} MB of memory and was stopped.`);
  }
}

/** Runs queued promise jobs until `promise` settles (nothing else can resolve it: no timers, no I/O). */
function settle(vm: QuickJSContext, promise: QuickJSHandle, limits: Limits, scope: Scope, what: string): QuickJSHandle {
  for (;;) {
    const state = vm.getPromiseState(promise);
    if (state.type === 'fulfilled') return state.notAPromise ? promise : scope.manage(state.value);
    if (state.type === 'rejected') throw limits.failure(vm, scope.manage(state.error));
    // Many tiny jobs may each end before the interpreter's interrupt check: check here too.
    if (Date.now() > limits.deadline) throw limits.timeout();
    const jobs = vm.runtime.executePendingJobs(1000);
    if (jobs.error !== undefined) throw limits.failure(vm, scope.manage(jobs.error));
    if (jobs.value === 0 && vm.getPromiseState(promise).type === 'pending') {
      throw codeError('CodeError', `${what} never settled: the sandbox has no timers or I/O, so only already-resolved promises can be awaited.`);
    }
  }
}

function call(vm: QuickJSContext, fn: QuickJSHandle, limits: Limits, scope: Scope, ...args: QuickJSHandle[]): QuickJSHandle {
  const r = vm.callFunction(fn, vm.undefined, ...args);
  if (r.error !== undefined) throw limits.failure(vm, scope.manage(r.error));
  return scope.manage(r.value);
}

function execute(vm: QuickJSContext, req: RunCodeRequest, limits: Limits, logs: ConsoleCapture, scope: Scope): unknown {
  const prelude = vm.evalCode(PRELUDE_SOURCE, 'riposte-prelude.js', { type: 'global', strict: true });
  if (prelude.error !== undefined) throw new Error(`Sandbox prelude failed: ${JSON.stringify(vm.dump(scope.manage(prelude.error)))}`);
  const helpers = scope.manage(prelude.value);
  const emit = scope.manage(
    vm.newFunction('emit', (level, line) => {
      logs.add(vm.getString(level), vm.getString(line));
    }),
  );
  call(vm, scope.manage(vm.getProp(helpers, 'installConsole')), limits, scope, emit);

  const evaluated = vm.evalCode(req.code, FILE_NAME, { type: 'module', strict: true });
  if (evaluated.error !== undefined) throw limits.failure(vm, scope.manage(evaluated.error));
  const namespace = settle(vm, scope.manage(evaluated.value), limits, scope, 'The module');
  const main = scope.manage(vm.getProp(namespace, 'default'));
  if (vm.typeof(main) !== 'function') {
    throw codeError('CodeError', 'The code must export a function: export default function main(input) { … return value; }');
  }

  const inputJson = scope.manage(vm.newString(JSON.stringify(req.input)));
  const input = call(vm, scope.manage(vm.getProp(helpers, 'parse')), limits, scope, inputJson);
  const returned = settle(vm, call(vm, main, limits, scope, input), limits, scope, 'The promise main() returned');

  const serialised = call(vm, scope.manage(vm.getProp(helpers, 'serialise')), limits, scope, returned);
  const invalid = scope.manage(vm.getProp(serialised, 'invalid'));
  if (vm.typeof(invalid) === 'string') throw codeError('CodeOutputInvalid', `${vm.getString(invalid)}.`);
  const json = scope.manage(vm.getProp(serialised, 'json'));
  // Read the length first: a result of many MB is refused without copying it out.
  const length = vm.getNumber(scope.manage(vm.getProp(json, 'length')));
  const text = length <= MAX_RESULT_BYTES ? vm.getString(json) : undefined;
  if (text === undefined || Buffer.byteLength(text, 'utf8') > MAX_RESULT_BYTES) {
    throw codeError('CodeOutputInvalid', `The result is larger than ${MAX_RESULT_BYTES / 1024 / 1024} MB as JSON; return less (e.g. counts or the first items).`);
  }
  return JSON.parse(text) as unknown;
}

/** A host-side failure inside the interpreter (not a JS exception in the sandbox). */
function hostFailure(e: unknown, limits: Limits): ActionError {
  // Node's own stack ran out while the interpreter recursed: the wasm state is suspect, so
  // the module is dropped and the next run compiles a fresh one.
  discardQuickjsModule();
  if (e instanceof RangeError) return codeError('CodeError', 'Stack overflow: the code nested calls too deeply (runaway recursion?).');
  if (limits.timedOut) return limits.timeout();
  return codeError('CodeError', `The sandbox failed: ${e instanceof Error ? e.message : String(e)}`);
}

export async function runCode(req: RunCodeRequest): Promise<RunCodeOutput> {
  const module = await quickjsModule();
  const started = performance.now();
  const limits = new Limits(Date.now() + req.timeoutMs, req);
  const logs = new ConsoleCapture();
  const runtime = module.newRuntime();
  let healthy = true;
  try {
    runtime.setMemoryLimit(req.memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    runtime.setInterruptHandler(() => {
      if (Date.now() <= limits.deadline) return false;
      limits.timedOut = true;
      return true;
    });
    const vm = runtime.newContext();
    try {
      const result = Scope.withScope((scope) => execute(vm, req, limits, logs, scope));
      return { result, logs: logs.result(), durationMs: Math.round(performance.now() - started) };
    } catch (e) {
      if (e instanceof ActionError) {
        // The console lines so far help to see where it failed.
        throw new ActionError(e.code, e.message, { details: { ...(e.details as object | undefined), logs: logs.result() } });
      }
      healthy = false;
      throw hostFailure(e, limits);
    } finally {
      if (healthy) disposeOrDiscard(() => vm.dispose());
    }
  } finally {
    if (healthy) disposeOrDiscard(() => runtime.dispose());
  }
}

/**
 * Freeing a runtime that was interrupted with promise jobs still queued trips QuickJS's own
 * "objects left" assertion, which aborts the wasm instance. The run's own error must win over
 * that, and an aborted instance is never reused: drop it so the next run compiles a fresh one
 * (its memory goes with it).
 */
function disposeOrDiscard(dispose: () => void): void {
  try {
    dispose();
  } catch {
    discardQuickjsModule();
  }
}
