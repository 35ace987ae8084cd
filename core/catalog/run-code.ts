import { z } from 'zod';
import { hasToken } from '../tokens/parse';
import { meta } from './fields';
import { RUN_CODE_BASE_FIELDS, RUN_CODE_LIMITS as L, RUN_CODE_TEMPLATE, ZCodeInputs, ZCodeOutputFields, runCodeOutputFields } from './run-code-fields';
import type { NodeTypeDef, ParamCrossIssue } from './types';

export const RUN_CODE_TYPE = 'code.run';

/**
 * Runs a small JavaScript function in a WebAssembly (QuickJS) sandbox — the in-flow answer to
 * "this needs an Azure Function". The implementation lives in server/sandbox; see docs/run-code.md.
 */
export const runCode = {
  type: RUN_CODE_TYPE,
  title: 'Run code',
  description:
    'Runs a small JavaScript function on the values you map as inputs and returns a JSON value for later steps. ' +
    'It runs in a sandbox: no files, network, environment or timers.',
  category: 'Control',
  icon: 'code',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    code: meta(z.string().max(L.maxCodeChars, `At most ${L.maxCodeChars.toLocaleString('en')} characters`).default(RUN_CODE_TEMPLATE), {
      title: 'Code',
      description: 'An ES module: export default function main(input) { … return value; }. Values come only from Inputs, never from tokens in the code.',
      widget: 'code',
    }),
    inputs: meta(ZCodeInputs.default([]), {
      title: 'Inputs',
      description: 'Each name becomes input.<name> in the code; its value is usually one token, e.g. {{ get_alert.severity }}, passed as data.',
      widget: 'codeInputs',
    }),
    outputFields: meta(ZCodeOutputFields.optional(), {
      title: 'Result fields',
      description: 'The fields main() returns, so later steps get typed tokens such as {{ run_code.result.score }}. Empty: taken from the latest run.',
      widget: 'codeOutputs',
    }),
    timeoutMs: meta(z.coerce.number().int().min(L.minTimeoutMs).max(L.maxTimeoutMs).default(L.defaultTimeoutMs), {
      title: 'Time limit (ms)',
      description: `The code is stopped after this long; at most ${L.maxTimeoutMs.toLocaleString('en')}.`,
      widget: 'number',
    }),
    memoryMb: meta(z.coerce.number().int().min(L.minMemoryMb).max(L.maxMemoryMb).default(L.defaultMemoryMb), {
      title: 'Memory limit (MB)',
      description: `At most ${L.maxMemoryMb}.`,
      widget: 'number',
    }),
  }),
  outputFields: [...RUN_CODE_BASE_FIELDS],
  dynamicOutputFields: (params, sample) => runCodeOutputFields(params, sample),
  sideEffect: false,
  // One try is bounded by the code's own time limit (at most 10 s); the rest is margin.
  timeoutSeconds: 30,
  crossCheck: (params): ParamCrossIssue[] => {
    const code = params.code;
    if (typeof code !== 'string') return [];
    // Tokens are resolved by text substitution: inside code, alert data would become code.
    // Values reach the code only through Inputs, as data.
    if (hasToken(code)) {
      return [{ path: ['code'], message: 'has {{ … }} tokens in its code, where alert data would become code: add the value under Inputs and read it as input.<name> (write "{ {" if you meant two braces).' }];
    }
    if (code.trim() === '') return [{ path: ['code'], message: 'needs code: export default function main(input) { … }' }];
    return [];
  },
} satisfies NodeTypeDef;
