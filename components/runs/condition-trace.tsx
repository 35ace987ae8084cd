// A condition step's evaluation trace (core/conditions ConditionTrace), readable: which branch
// was taken, and each rule with its resolved operands. Values are rendered as text.
import { OPERATORS } from '@/core/conditions/operators';

type TraceRule = { kind: 'rule'; left: unknown; operator: string; right: unknown; ignoreCase?: boolean; result: boolean };
type TraceGroup = { kind: 'group'; combinator: string; result: boolean; rules: Trace[] };
type Trace = TraceRule | TraceGroup;

function isTrace(v: unknown): v is Trace {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (t.kind === 'rule' && typeof t.result === 'boolean') || (t.kind === 'group' && Array.isArray(t.rules));
}

function show(v: unknown): string {
  if (v === undefined) return '(nothing)';
  if (typeof v === 'string') return `"${v}"`;
  return JSON.stringify(v) ?? String(v);
}

function opLabel(op: string): string {
  return Object.hasOwn(OPERATORS, op) ? OPERATORS[op as keyof typeof OPERATORS].label : op;
}

function Result({ value }: { value: boolean }) {
  return value ? (
    <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-[11px] font-semibold text-emerald-700">true</span>
  ) : (
    <span className="rounded bg-rose-50 px-1.5 py-0.5 text-[11px] font-semibold text-rose-700">false</span>
  );
}

function TraceNode({ trace }: { trace: Trace }) {
  if (trace.kind === 'rule') {
    return (
      <li className="flex flex-wrap items-center gap-x-2 gap-y-1 font-mono text-xs text-slate-700">
        <span className="break-all">{show(trace.left)}</span>
        <span className="font-sans text-slate-500">{opLabel(trace.operator)}</span>
        <span className="break-all">{show(trace.right)}</span>
        {trace.ignoreCase && <span className="font-sans text-slate-400">(ignoring case)</span>}
        <span className="font-sans text-slate-400">→</span>
        <Result value={trace.result} />
      </li>
    );
  }
  return (
    <li>
      <p className="flex items-center gap-2 text-xs text-slate-500">
        All rules joined by <span className="font-semibold uppercase text-slate-700">{trace.combinator}</span> <span>→</span> <Result value={trace.result} />
      </p>
      <ul className="mt-1.5 space-y-1.5 border-l-2 border-slate-200 pl-3">
        {trace.rules.map((r, i) => (
          <TraceNode key={i} trace={r} />
        ))}
      </ul>
    </li>
  );
}

export function ConditionTrace({ output }: { output: unknown }) {
  const o = (typeof output === 'object' && output !== null ? output : {}) as Record<string, unknown>;
  if (typeof o.result !== 'boolean') return null;
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <p className="mb-2 text-sm text-slate-700">
        Took the{' '}
        <span data-testid="condition-branch" className={`font-semibold ${o.result ? 'text-emerald-700' : 'text-rose-700'}`}>
          {o.result ? 'yes' : 'no'}
        </span>{' '}
        branch.
      </p>
      {isTrace(o.trace) && (
        <ul className="space-y-1.5">
          <TraceNode trace={o.trace} />
        </ul>
      )}
    </div>
  );
}
