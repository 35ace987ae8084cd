import { describe, expect, it } from 'vitest';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { checkFlow } from '../flow/check';
import { graphFields } from '../flow/output-fields';
import { getNodeType, outputFieldsOf } from './index';
import { runCode } from './run-code';
import { RUN_CODE_TEMPLATE, inferOutputFields, runCodeOutputFields } from './run-code-fields';

function flow(codeParams: Record<string, unknown>, subject = 'Risk {{ run_code.result.score }}') {
  return buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
      buildNode('run_code', 'code.run', { inputs: [{ name: 'severity', value: '{{ trigger.severity }}' }], ...codeParams }),
      buildNode('mail', 'email.send', { connectionId: SMTP, to: 'soc@contoso.example', subject, body: 'x' }),
    ],
    [buildEdge('trigger', 'run_code'), buildEdge('run_code', 'mail')],
  );
}

const codeIssues = (params: Record<string, unknown>) => checkFlow(flow(params)).issues.filter((i) => i.nodeId === 'run_code').map((i) => [i.code, i.message]);

describe('Run code catalog entry', () => {
  it('is registered as an action with an error handle and the template as default code', () => {
    const def = getNodeType('code.run');
    expect(def).toBe(runCode);
    const params = runCode.params.parse({});
    expect(params).toMatchObject({ code: RUN_CODE_TEMPLATE, inputs: [], timeoutMs: 1000, memoryMb: 64 });
    expect(RUN_CODE_TEMPLATE).toContain('export default function main(input)');
  });

  it('bounds the limits: time at most 10 s, memory at most 256 MB', () => {
    expect(runCode.params.safeParse({ timeoutMs: 10_001 }).success).toBe(false);
    expect(runCode.params.safeParse({ memoryMb: 257 }).success).toBe(false);
    expect(runCode.params.safeParse({ timeoutMs: 10_000, memoryMb: 256 }).success).toBe(true);
  });

  it('publishes a flow whose code reads a mapped input', () => {
    expect(codeIssues({ code: RUN_CODE_TEMPLATE })).toEqual([]);
  });

  it('refuses tokens inside the code: values come in through inputs only', () => {
    const issues = codeIssues({ code: 'export default function main() { return "{{ trigger.title }}"; }' });
    expect(issues.some(([code, message]) => code === 'InvalidParam' && message.includes('has {{ … }} tokens in its code'))).toBe(true);
  });

  it('refuses blank code, bad and duplicate input names', () => {
    expect(codeIssues({ code: '  ' }).some(([, m]) => m.includes('needs code'))).toBe(true);
    expect(runCode.params.safeParse({ inputs: [{ name: '1bad', value: 'x' }] }).success).toBe(false);
    expect(runCode.params.safeParse({ inputs: [{ name: '__proto__', value: 'x' }] }).success).toBe(false);
    expect(runCode.params.safeParse({ inputs: [{ name: 'a', value: 1 }, { name: 'a', value: 2 }] }).success).toBe(false);
  });
});

describe('Run code output fields', () => {
  it('offers result, logs and duration, plus the error fields of an action', () => {
    expect(outputFieldsOf(runCode).map((f) => f.path)).toEqual(['result', 'logs', 'durationMs', 'error', 'error.code', 'error.message']);
  });

  it('types declared result fields as tokens under result', () => {
    const fields = runCodeOutputFields({ outputFields: [{ name: 'score', type: 'number' }, { name: 'details.level', type: 'string' }] });
    expect(fields.map((f) => [f.path, f.type])).toEqual([
      ['result', 'any'],
      ['result.score', 'number'],
      ['result.details.level', 'string'],
      ['logs', 'array'],
      ['durationMs', 'number'],
    ]);
  });

  it('infers result fields from the latest run when none are declared', () => {
    const sample = { result: { score: 80, high: true, seen: '2026-01-01T10:00:00Z', tags: ['a'], detail: { level: 'x', deeper: { n: 1 } } }, logs: [], durationMs: 3 };
    expect(runCodeOutputFields({}, sample).filter((f) => f.path.startsWith('result.')).map((f) => [f.path, f.type])).toEqual([
      ['result.score', 'number'],
      ['result.high', 'boolean'],
      ['result.seen', 'datetime'],
      ['result.tags', 'array'],
      ['result.detail', 'object'],
      ['result.detail.level', 'string'],
      ['result.detail.deeper', 'object'],
    ]);
  });

  it('declared fields win over the latest run, and odd keys are not offered', () => {
    const declared = runCodeOutputFields({ outputFields: [{ name: 'score', type: 'number' }] }, { result: { other: 1 } });
    expect(declared.map((f) => f.path)).not.toContain('result.other');
    expect(inferOutputFields({ 'with space': 1, __proto__x: 2, ok: 3 }).map((f) => f.name)).toEqual(['__proto__x', 'ok']);
    expect(inferOutputFields([1, 2])).toEqual([]);
  });

  it('the checker types a downstream token from the declared fields', () => {
    const graph = flow({ code: RUN_CODE_TEMPLATE, outputFields: [{ name: 'score', type: 'number' }] });
    expect(graphFields(graph.nodes)('run_code').find((f) => f.path === 'result.score')?.type).toBe('number');
    expect(checkFlow(graph).issues.filter((i) => i.nodeId === 'mail')).toEqual([]);
  });
});
