// The one ops logger (issue 8): pino, JSON lines in production, one readable line per entry in
// development. Every line passes the project's single redactor (server/secrets/redact.ts) in
// pino's logMethod hook, before pino serialises it, so no caller can forget redaction.
// The readable form is a tiny synchronous formatter, not pino-pretty: pino-pretty runs as a
// worker-thread transport, which Next's bundler does not resolve reliably.
import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { redactLogFields, redactText, type LogFn } from '@/server/secrets/redact';

/** Fields that tie a line to a run; every line about a run carries them (see logFor). */
export type RunContext = {
  runId?: string;
  flowId?: string;
  nodeId?: string;
  connectionId?: string;
  tenant?: string;
};

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function levelFromEnv(): LevelWithSilent {
  // Read directly, not via env(): the logger must work before (and when) the env schema fails.
  const raw = (process.env.LOG_LEVEL ?? '').trim().toLowerCase();
  return (LEVELS.includes(raw) ? raw : 'info') as LevelWithSilent;
}

/** One JSON line → `HH:MM:SS.mmm LEVEL msg key=value …` for people reading a terminal. */
export function readableLine(json: string): string {
  try {
    const { time, level, msg, pid: _pid, hostname: _host, ...rest } = JSON.parse(json) as Record<string, unknown>;
    const at = typeof time === 'string' || typeof time === 'number' ? new Date(time).toISOString().slice(11, 23) : '';
    const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    return [at, String(level).toUpperCase().padEnd(5), String(msg ?? ''), ...fields].filter((p) => p !== '').join(' ');
  } catch {
    return json.trimEnd();
  }
}

function readableStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') out.write(`${readableLine(line)}\n`);
      done();
    },
  });
}

/** A logger writing to `destination` (tests pass a stream; the process logger uses stdout). */
export function createLogger(opts: { destination?: NodeJS.WritableStream; readable?: boolean; level?: LevelWithSilent } = {}): Logger {
  const out = opts.destination ?? process.stdout;
  const readable = opts.readable ?? process.env.NODE_ENV === 'development';
  return pino(
    {
      level: opts.level ?? levelFromEnv(),
      base: { pid: process.pid },
      // Level names, not numbers, and ISO times: what people and log shippers both read.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((a: unknown) => (typeof a === 'string' ? redactText(a) : a !== null && typeof a === 'object' && !(a instanceof Error) ? redactLogFields(a as Record<string, unknown>) : a instanceof Error ? redactText(a.message) : a));
          return method.apply(this, redacted as Parameters<typeof method>);
        },
      },
    },
    readable ? readableStream(out) : (out as pino.DestinationStream),
  );
}

/** The process's root logger. */
export const logger: Logger = createLogger();

/** A child logger whose every line carries the run's ids (unset ones are left out). */
export function logFor(ctx: RunContext, parent: Logger = logger): Logger {
  const bindings = Object.fromEntries(Object.entries(ctx).filter(([, v]) => v !== undefined && v !== null));
  return parent.child(bindings);
}

/** The `(msg, extra)` shape older call sites and tests inject, backed by a pino logger. */
export function logFn(target: Logger, level: 'info' | 'warn' | 'error' = 'info'): LogFn {
  return (msg, extra) => (extra === undefined ? target[level](msg) : target[level](extra, msg));
}
