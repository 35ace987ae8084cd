// Isolation and limits of the Run code sandbox (QuickJS in WebAssembly). Every test runs real
// code in the real sandbox; several check that the NEXT run still works after a failure.
import { describe, expect, it } from 'vitest';
import { isActionError } from '@/core/errors';
import { MAX_LOG_LINES } from './console-capture';
import { MAX_RESULT_BYTES, runCode, type RunCodeRequest } from './run-code';

const run = (code: string, input: Record<string, unknown> = {}, limits: Partial<RunCodeRequest> = {}) =>
  runCode({ code, input, timeoutMs: 1000, memoryMb: 64, ...limits });

const main = (body: string) => `export default function main(input) {\n${body}\n}`;

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (e) {
    if (isActionError(e)) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected the code to fail');
}

/** The sandbox still runs code correctly: after every failure below, this must pass. */
/** The sandbox still works after a failure (a generous limit: this checks health, not speed, and CI may be loaded). */
async function healthy() {
  const out = await run(main('return { sum: input.a + input.b };'), { a: 2, b: 3 }, { timeoutMs: 10_000 });
  expect(out.result).toEqual({ sum: 5 });
}

describe('run code: the convention', () => {
  it('passes the JSON input to main and returns its JSON result with logs and duration', async () => {
    const out = await run(main('console.log("hi", input.name); return { greeting: "Hello " + input.name, n: [1, 2] };'), { name: 'SOC' });
    expect(out.result).toEqual({ greeting: 'Hello SOC', n: [1, 2] });
    expect(out.logs).toEqual([{ level: 'log', message: 'hi SOC' }]);
    expect(out.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('awaits an async main', async () => {
    const out = await run('export default async function main(input) { const v = await Promise.resolve(input.x * 2); return v; }', { x: 21 });
    expect(out.result).toBe(42);
  });

  it('returns null for undefined', async () => {
    expect((await run(main('return undefined;'))).result).toBeNull();
  });

  it('says what is missing when there is no default export function', async () => {
    const f = await failure(run('const x = 1;'));
    expect(f.code).toBe('CodeError');
    expect(f.message).toContain('export default function main(input)');
  });

  it('reports a thrown error with its message and line', async () => {
    const f = await failure(run(main('const a = 1;\nthrow new TypeError("bad severity " + input.s);'), { s: 'x' }));
    expect(f.code).toBe('CodeError');
    expect(f.message).toBe('TypeError: bad severity x (line 3)');
  });

  it('reports a syntax error with its line', async () => {
    const f = await failure(run('export default function main(input) {\n  return 1 +\n}'));
    expect(f.code).toBe('CodeError');
    expect(f.message).toMatch(/^SyntaxError: .* \(line 3\)$/);
  });

  it('reports a thrown non-error value', async () => {
    const f = await failure(run(main('throw "nope";')));
    expect(f).toMatchObject({ code: 'CodeError', message: 'Uncaught nope' });
  });

  it('fails a promise that can never settle instead of hanging', async () => {
    const f = await failure(run('export default function main() { return new Promise(() => {}); }'));
    expect(f.code).toBe('CodeError');
    expect(f.message).toContain('never settled');
  });
});

describe('run code: isolation', () => {
  it('has no process, require, fetch, timers, module loader or host globals', async () => {
    const out = await run(
      main(`return {
        process: typeof process, require: typeof require, fetch: typeof fetch, setTimeout: typeof setTimeout,
        setInterval: typeof setInterval, queueMicrotask: typeof queueMicrotask, std: typeof std, os: typeof os,
        Buffer: typeof Buffer, XMLHttpRequest: typeof XMLHttpRequest, WebAssembly: typeof WebAssembly, module: typeof module,
      };`),
    );
    expect(out.result).toEqual({
      process: 'undefined', require: 'undefined', fetch: 'undefined', setTimeout: 'undefined', setInterval: 'undefined',
      queueMicrotask: 'undefined', std: 'undefined', os: 'undefined', Buffer: 'undefined', XMLHttpRequest: 'undefined',
      WebAssembly: 'undefined', module: 'undefined',
    });
  });

  it('refuses a static import', async () => {
    const f = await failure(run('import fs from "fs";\nexport default function main() { return fs.readFileSync("/etc/passwd", "utf8"); }'));
    expect(f.code).toBe('CodeError');
    expect(f.message).toContain("could not load module 'fs'");
  });

  it('refuses a dynamic import()', async () => {
    const f = await failure(run('export default async function main() { const m = await import("node:child_process"); return typeof m; }'));
    expect(f.code).toBe('CodeError');
    expect(f.message).toContain('could not load module');
    await healthy();
  });

  it('calling a missing host API fails as a plain ReferenceError', async () => {
    const f = await failure(run(main('return fetch("http://127.0.0.1:1/");')));
    expect(f.message).toBe("ReferenceError: 'fetch' is not defined (line 2)");
    const r = await failure(run(main('return require("fs");')));
    expect(r.message).toBe("ReferenceError: 'require' is not defined (line 2)");
  });

  it('Function("return this")() is the sandbox global, which has nothing of the host', async () => {
    const out = await run(
      main(`const g = Function("return this")();
        const viaCtor = (0, [].constructor.constructor)("return globalThis")();
        return { same: g === globalThis && viaCtor === globalThis, process: typeof g.process, env: typeof (g.process && g.process.env) };`),
    );
    expect(out.result).toEqual({ same: true, process: 'undefined', env: 'undefined' });
  });

  it('a prototype or global changed in one run is not visible in the next', async () => {
    await run(main('Object.prototype.polluted = "yes"; Array.prototype.push = function () { return -1; }; globalThis.leak = 42; JSON.stringify = () => "\\"x\\""; return 1;'));
    const out = await run(main('const a = []; a.push(1); return { polluted: ({}).polluted === undefined, push: a.length, leak: typeof leak };'));
    expect(out.result).toEqual({ polluted: true, push: 1, leak: 'undefined' });
  });

  it('replacing JSON or console inside the code only affects that run', async () => {
    const out = await run(main('JSON.stringify = () => "{}"; JSON.parse = () => ({}); return { kept: input.v };'), { v: 'value' });
    expect(out.result).toEqual({ kept: 'value' });
  });

  it('input tokens are data: a value that looks like code stays a string', async () => {
    const out = await run(main('return { type: typeof input.title, title: input.title };'), { title: '"); process.exit(1); ("' });
    expect(out.result).toEqual({ type: 'string', title: '"); process.exit(1); ("' });
  });
});

describe('run code: limits', () => {
  it('stops an infinite loop at the time limit, and the next run works', async () => {
    const started = Date.now();
    const f = await failure(run(main('while (true) {}'), {}, { timeoutMs: 300 }));
    expect(f).toMatchObject({ code: 'CodeTimeout', message: 'The code ran longer than 300 ms and was stopped.' });
    expect(Date.now() - started).toBeLessThan(3000);
    await healthy();
  });

  it('a timeout cannot be caught by the code', async () => {
    const f = await failure(run(main('for (;;) { try { while (true) {} } catch (e) { /* keep going */ } }'), {}, { timeoutMs: 200 }));
    expect(f.code).toBe('CodeTimeout');
  });

  it('stops an endless chain of promise jobs at the time limit', async () => {
    const f = await failure(run('async function spin() { await null; return spin(); }\nexport default function main() { return spin(); }', {}, { timeoutMs: 300 }));
    expect(f.code).toBe('CodeTimeout');
    await healthy();
  });

  it('the default limit is 1000 ms in the message', async () => {
    const f = await failure(run(main('for (;;) {}')));
    expect(f.message).toBe('The code ran longer than 1000 ms and was stopped.');
  });

  it('fails a memory bomb with CodeMemoryLimit, and the next run works', async () => {
    // Generous time limits: on a loaded machine the bomb must still reach memory before time.
    const f = await failure(run(main('const keep = []; for (;;) keep.push([input.x, input.x, { a: input.x }]);'), { x: 1 }, { memoryMb: 8, timeoutMs: 10_000 }));
    expect(f).toMatchObject({ code: 'CodeMemoryLimit', message: 'The code used more than its 8 MB of memory and was stopped.' });
    await healthy();
    const buffers = await failure(run(main('const keep = []; for (;;) keep.push(new Uint8Array(1000000));'), {}, { memoryMb: 16, timeoutMs: 10_000 }));
    expect(buffers.code).toBe('CodeMemoryLimit');
    await healthy();
  }, 60_000);

  it('fails a single huge allocation with CodeMemoryLimit', async () => {
    const f = await failure(run(main('return new ArrayBuffer(200 * 1024 * 1024).byteLength;')));
    expect(f.code).toBe('CodeMemoryLimit');
  });

  it('ends deep recursion with a clear error, and the next run works', async () => {
    const f = await failure(run(main('function down(n) { return down(n + 1) + 1; }\nreturn down(0);')));
    expect(f.code).toBe('CodeError');
    expect(f.message).toMatch(/^Stack overflow: the code nested calls too deeply/);
    await healthy();
  });

  it('refuses a result larger than 1 MB as JSON', async () => {
    const f = await failure(run(main(`return "x".repeat(${MAX_RESULT_BYTES + 1});`)));
    expect(f.code).toBe('CodeOutputInvalid');
    expect(f.message).toContain('larger than 1 MB');
    await healthy();
  });

  it('refuses results JSON cannot hold', async () => {
    expect((await failure(run(main('return () => 1;')))).code).toBe('CodeOutputInvalid');
    expect((await failure(run(main('return 10n;')))).code).toBe('CodeOutputInvalid');
    const cyclic = await failure(run(main('const a = {}; a.self = a; return a;')));
    expect(cyclic.code).toBe('CodeOutputInvalid');
    expect(cyclic.message).toContain('JSON cannot hold');
  });
});

describe('run code: console capture', () => {
  it('keeps lines in order with their level, values shown as JSON', async () => {
    const out = await run(main('console.log("a", 1); console.info({ k: [1] }); console.warn("w"); console.error(null, undefined, true); console.log("z"); return 0;'));
    expect(out.logs).toEqual([
      { level: 'log', message: 'a 1' },
      { level: 'info', message: '{"k":[1]}' },
      { level: 'warn', message: 'w' },
      { level: 'error', message: 'null undefined true' },
      { level: 'log', message: 'z' },
    ]);
  });

  it('caps the number of lines and the size of each', async () => {
    const out = await run(main('for (let i = 0; i < 250; i++) console.log("line " + i); console.log("x".repeat(5000)); return 0;'));
    expect(out.logs).toHaveLength(MAX_LOG_LINES + 1);
    expect(out.logs[0]).toEqual({ level: 'log', message: 'line 0' });
    expect(out.logs[MAX_LOG_LINES - 1]).toEqual({ level: 'log', message: `line ${MAX_LOG_LINES - 1}` });
    expect(out.logs[MAX_LOG_LINES]).toEqual({ level: 'warn', message: `… 151 more console lines not kept (at most ${MAX_LOG_LINES}).` });
    const long = await run(main('console.log("x".repeat(5000)); return 0;'));
    expect(long.logs[0]?.message).toHaveLength(2001);
  });

  it('keeps the lines printed before a failure in the error details', async () => {
    const f = await failure(run(main('console.log("before"); throw new Error("after");')));
    expect(f.details).toMatchObject({ logs: [{ level: 'log', message: 'before' }] });
  });

  it('runs are deterministic: the same code and input give the same output', async () => {
    const code = main('console.log(input.n); return { double: input.n * 2 };');
    const [a, b] = [await run(code, { n: 4 }), await run(code, { n: 4 })];
    expect({ ...a, durationMs: 0 }).toEqual({ ...b, durationMs: 0 });
  });
});
