/**
 * The control steps evaluated inside the executor (no worker implementation): switch, compose,
 * variables and terminate. Pure functions of their resolved params (and, for append, the
 * current variables); the executor applies their effects from the output, so a resumed run
 * replays a recorded output exactly as it applies a fresh one.
 */
import { caseHandle } from '../catalog/control-switch';
import { stringify } from '../tokens/resolve';
import type { StepError } from './types';

export class ControlFailure extends Error {
  constructor(readonly stepError: StepError) {
    super(stepError.message);
    this.name = 'ControlFailure';
  }
}

export type TerminateStatus = 'succeeded' | 'failed' | 'cancelled';

const fail = (code: string, message: string): never => {
  throw new ControlFailure({ code, message });
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function evaluateControl(type: string, params: Record<string, unknown>, variables: Record<string, unknown>): unknown {
  switch (type) {
    case 'control.switch': {
      const cases = params.cases as string[];
      const text = stringify(params.value);
      const ignoreCase = params.ignoreCase === true;
      const wanted = ignoreCase ? text.toLowerCase() : text;
      const matched = cases.find((c) => (ignoreCase ? c.toLowerCase() : c) === wanted) ?? null;
      return { value: params.value ?? null, matched };
    }
    case 'control.compose':
      return { value: params.value ?? null };
    case 'control.setVariable':
      return { name: params.name, value: params.value ?? null };
    case 'control.appendVariable': {
      const name = String(params.name);
      if (!Object.hasOwn(variables, name)) {
        return fail('VariableNotSet', `The variable "${name}" has not been set in this run; a "Set variable" step must run first.`);
      }
      const current = variables[name];
      if (Array.isArray(current)) return { name, value: [...current, params.value ?? null] };
      if (typeof current === 'string') return { name, value: current + stringify(params.value) };
      return fail(
        'VariableNotAppendable',
        `The variable "${name}" is ${describe(current)}; only a list or text can be appended to (set it to [] or "" first).`,
      );
    }
    case 'control.terminate':
      return { status: params.status as TerminateStatus, message: typeof params.message === 'string' ? params.message : '' };
    default:
      return fail('UnknownControlStep', `No evaluator for control step ${type}`);
  }
}

/** The handle a succeeded switch takes, from its output. */
export function switchHandle(output: unknown): string {
  const matched = output !== null && typeof output === 'object' ? (output as { matched?: unknown }).matched : null;
  return typeof matched === 'string' ? caseHandle(matched) : 'default';
}

/** Variable effect of a set/append output (fresh or recorded): `[name, value]`. */
export function variableEffect(type: string, output: unknown): [string, unknown] | undefined {
  if (type !== 'control.setVariable' && type !== 'control.appendVariable') return undefined;
  if (output === null || typeof output !== 'object') return undefined;
  const { name, value } = output as { name?: unknown; value?: unknown };
  return typeof name === 'string' ? [name, value ?? null] : undefined;
}
