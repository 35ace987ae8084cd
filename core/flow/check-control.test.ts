import { describe, it, expect } from 'vitest';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { checkFlow, type FlowIssue } from './check';
import type { TFlowEdge, TFlowNode } from './schema';

const trigger = buildNode('trigger', 'defender.alertCreated', { connectionId: DEF });
const mail = (id: string, subject: string) => buildNode(id, 'email.send', { connectionId: SMTP, to: 'soc@contoso.example', subject, body: 'x' });

function issuesOf(nodes: TFlowNode[], edges: TFlowEdge[]): FlowIssue[] {
  return checkFlow(buildGraph([trigger, ...nodes], edges)).issues;
}
const errors = (issues: FlowIssue[]) => issues.filter((i) => i.severity === 'error');
const codes = (issues: FlowIssue[]) => errors(issues).map((i) => i.code);

describe('checkFlow — switch', () => {
  const sw = (params: Record<string, unknown>) => buildNode('sw', 'control.switch', { value: '{{ trigger.severity }}', cases: ['High', 'Low'], ...params });

  it('accepts an edge per case and default; refuses a handle with no case', () => {
    expect(errors(issuesOf([sw({}), mail('a', 'a'), mail('b', 'b')], [buildEdge('trigger', 'sw'), buildEdge('sw', 'a', 'case:High'), buildEdge('sw', 'b', 'default')]))).toEqual([]);
    const bad = issuesOf([sw({}), mail('a', 'a')], [buildEdge('trigger', 'sw'), buildEdge('sw', 'a', 'case:Medium')]);
    expect(errors(bad)).toEqual([
      expect.objectContaining({ code: 'InvalidHandle', nodeId: 'sw', message: expect.stringContaining('case:High, case:Low, default') }),
    ]);
  });

  it('refuses duplicate, empty, token and too many cases', () => {
    const ok = [buildEdge('trigger', 'sw')];
    const one = (cases: unknown) => errors(issuesOf([sw({ cases })], ok)).map((i) => [i.code, i.path, i.message]);
    expect(one(['High', 'High'])).toEqual([['InvalidParam', ['cases'], '"sw": "Cases" each case must be different.']]);
    expect(one([])).toEqual([['MissingParam', ['cases'], '"sw" needs "Cases".']]);
    expect(one(['{{ trigger.id }}'])[0][2]).toContain('tokens belong in "Value"');
    expect(one(Array.from({ length: 26 }, (_, i) => `c${i}`))[0][2]).toContain('at most 25 cases');
    expect(one(['High', ' '])[0][1]).toEqual(['cases', 1]);
  });

  it('needs a value', () => {
    expect(codes(issuesOf([buildNode('sw', 'control.switch', { cases: ['a'] })], [buildEdge('trigger', 'sw')]))).toEqual(['MissingParam']);
  });
});

describe('checkFlow — for each', () => {
  const loop = (params: Record<string, unknown> = {}) => buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}', ...params });
  const base = [buildEdge('trigger', 'loop'), buildEdge('loop', 'body', 'each'), buildEdge('loop', 'after', 'done')];

  it('accepts item/index inside the body and results/count after done', () => {
    const issues = issuesOf(
      [loop(), mail('body', '{{ loop.item.sha1 }} #{{ loop.index }} {{ trigger.id }}'), mail('after', '{{ loop.count }} {{ loop.results[0].outputs.body.messageId }}')],
      base,
    );
    expect(issues).toEqual([]);
  });

  it('refuses an edge into the body from outside, with the reason and node', () => {
    const issues = issuesOf(
      [loop(), mail('body', 'b'), mail('after', 'a'), mail('before', 'x')],
      [...base, buildEdge('trigger', 'before'), buildEdge('before', 'body'), buildEdge('loop', 'body', 'done')],
    );
    const boundary = errors(issues).filter((i) => i.code === 'LoopBoundary');
    expect(boundary.map((i) => i.nodeId).sort()).toEqual(['before', 'loop']);
    expect(boundary[0].message).toContain('is inside the loop "loop"');
    expect(boundary[0].message).toContain('Continue after the loop from its "done" output');
    expect(boundary.every((i) => i.edgeId !== undefined)).toBe(true);
  });

  it('refuses a join of a body step and a step after the loop', () => {
    const issues = issuesOf(
      [loop(), mail('body', 'b'), mail('after', 'a'), mail('join', 'j')],
      [...base, buildEdge('body', 'join'), buildEdge('after', 'join')],
    );
    expect(errors(issues)).toEqual([expect.objectContaining({ code: 'LoopBoundary', nodeId: 'after' })]);
  });

  it('refuses item/index after the loop and results/count inside it', () => {
    const inside = issuesOf([loop(), mail('body', '{{ loop.results }}'), mail('after', '{{ loop.item }}')], base);
    expect(errors(inside).map((i) => [i.code, i.nodeId])).toEqual([
      ['LoopTokenInsideLoop', 'body'],
      ['LoopTokenOutsideLoop', 'after'],
    ]);
    expect(errors(inside)[0].message).toContain('only known after the loop');
    expect(errors(inside)[1].message).toContain('only exists inside the loop');
  });

  it('refuses reading a body step after the loop, pointing at results', () => {
    const issues = issuesOf([loop(), mail('body', 'b'), mail('after', '{{ body.messageId }}')], base);
    expect(errors(issues)).toEqual([
      expect.objectContaining({ code: 'TokenInsideLoop', nodeId: 'after', message: expect.stringContaining('{{ loop.results }}') }),
    ]);
  });

  it('allows nested loops reading the outer item; inner results after the inner loop', () => {
    const issues = issuesOf(
      [
        loop(),
        buildNode('inner', 'control.forEach', { items: '{{ loop.item.files }}' }),
        mail('file', '{{ loop.item.name }} {{ inner.item }}'),
        mail('body', '{{ inner.count }}'),
        mail('after', '{{ loop.count }}'),
      ],
      [buildEdge('trigger', 'loop'), buildEdge('loop', 'inner', 'each'), buildEdge('inner', 'file', 'each'), buildEdge('inner', 'body', 'done'), buildEdge('loop', 'after', 'done')],
    );
    expect(errors(issues)).toEqual([]);
  });

  it('validates literal items, concurrency and limit', () => {
    const one = (params: Record<string, unknown>) => errors(issuesOf([loop(params), mail('body', 'b'), mail('after', 'a')], base)).map((i) => [i.code, i.path]);
    expect(one({ items: 'abc' })).toEqual([['InvalidParam', ['items']]]);
    expect(one({ concurrency: 51 })).toEqual([['InvalidParam', ['concurrency']]]);
    expect(one({ concurrency: 0 })).toEqual([['InvalidParam', ['concurrency']]]);
    expect(one({ limit: 0 })).toEqual([['InvalidParam', ['limit']]]);
    expect(one({ items: [1, 2], concurrency: 50 })).toEqual([]);
  });

  it('has no error handle and no "out"', () => {
    expect(codes(issuesOf([loop(), mail('body', 'b')], [buildEdge('trigger', 'loop'), buildEdge('loop', 'body', 'error')]))).toEqual(['InvalidHandle']);
  });
});

describe('checkFlow — variables, terminate, compose', () => {
  const set = (id: string, name: string, value: unknown = []) => buildNode(id, 'control.setVariable', { name, value });

  it('a variable read needs a "Set variable" of that name upstream', () => {
    const ok = issuesOf([set('init', 'ids'), mail('use', '{{ variables.ids }}')], [buildEdge('trigger', 'init'), buildEdge('init', 'use')]);
    expect(ok).toEqual([]);
    const missing = issuesOf([set('init', 'ids'), mail('use', '{{ variables.other }}')], [buildEdge('trigger', 'init'), buildEdge('init', 'use')]);
    expect(errors(missing)).toEqual([expect.objectContaining({ code: 'VariableNotSet', nodeId: 'use', path: ['subject'] })]);
    const parallel = issuesOf([set('init', 'ids'), mail('use', '{{ variables.ids }}')], [buildEdge('trigger', 'init'), buildEdge('trigger', 'use')]);
    expect(codes(parallel)).toEqual(['VariableNotSet']);
  });

  it('append needs a set upstream; variable names are token-safe; "variables" is a reserved id', () => {
    const append = buildNode('add', 'control.appendVariable', { name: 'ids', value: 'x' });
    expect(codes(issuesOf([append], [buildEdge('trigger', 'add')]))).toEqual(['VariableNotSet']);
    expect(codes(issuesOf([set('init', 'bad name')], [buildEdge('trigger', 'init')]))).toEqual(['InvalidParam']);
    expect(codes(issuesOf([buildNode('variables', 'control.compose', { value: 1 })], [buildEdge('trigger', 'variables')]))).toEqual(['ReservedNodeId']);
  });

  it('refuses changing variables inside a loop that runs items concurrently', () => {
    const nodes = (concurrency: number) => [
      set('init', 'ids'),
      buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}', concurrency }),
      buildNode('add', 'control.appendVariable', { name: 'ids', value: '{{ loop.item }}' }),
    ];
    const edges = [buildEdge('trigger', 'init'), buildEdge('init', 'loop'), buildEdge('loop', 'add', 'each')];
    expect(issuesOf(nodes(1), edges)).toEqual([]);
    expect(errors(issuesOf(nodes(5), edges))).toEqual([
      expect.objectContaining({ code: 'VariableInConcurrentLoop', nodeId: 'add', message: expect.stringContaining('{{ loop.results }}') }),
    ]);
  });

  it('terminate ends the path: nothing may follow it', () => {
    const stop = buildNode('stop', 'control.terminate', { status: 'failed', message: 'm' });
    expect(issuesOf([stop], [buildEdge('trigger', 'stop')])).toEqual([]);
    const after = errors(issuesOf([stop, mail('m', 'x')], [buildEdge('trigger', 'stop'), buildEdge('stop', 'm')]));
    expect(after).toEqual([expect.objectContaining({ code: 'InvalidHandle', message: expect.stringContaining('it ends the run') })]);
    expect(codes(issuesOf([buildNode('stop', 'control.terminate', { status: 'paused' })], [buildEdge('trigger', 'stop')]))).toEqual(['InvalidParam']);
  });

  it('compose needs a value; its value field is typed "any", so sub-paths are fine', () => {
    expect(codes(issuesOf([buildNode('c', 'control.compose', {})], [buildEdge('trigger', 'c')]))).toEqual(['MissingParam']);
    const issues = issuesOf(
      [buildNode('c', 'control.compose', { value: { a: '{{ trigger.id }}' } }), mail('m', '{{ c.value.a }}')],
      [buildEdge('trigger', 'c'), buildEdge('c', 'm')],
    );
    expect(issues).toEqual([]);
  });

  it('error-branch tokens {{ node.error.code }} / .message are declared fields', () => {
    const issues = issuesOf(
      [buildNode('get', 'defender.getAlert', { connectionId: DEF, alertId: '{{ trigger.id }}' }), mail('m', '{{ get.error.code }} {{ get.error.message }}')],
      [buildEdge('trigger', 'get'), buildEdge('get', 'm', 'error')],
    );
    expect(issues).toEqual([]);
  });
});

describe('checkFlow — whole-token types', () => {
  it('warns when a list token alone fills a text field (it would fail at run time)', () => {
    const loop = buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}' });
    const m = buildNode('m', 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: 's', body: '{{ loop.results }}' });
    const issues = issuesOf([loop, m], [buildEdge('trigger', 'loop'), buildEdge('loop', 'm', 'done')]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'TokenTypeMismatch', nodeId: 'm', path: ['body'] })]);
    const wrapped = buildNode('m', 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: 's', body: 'Results: {{ loop.results }}' });
    expect(issuesOf([loop, wrapped], [buildEdge('trigger', 'loop'), buildEdge('loop', 'm', 'done')])).toEqual([]);
    // A list where a list is accepted (recipients, for-each items) is fine.
    const toList = buildNode('m', 'email.send', { connectionId: SMTP, to: '{{ trigger.mitreTechniques }}', subject: 's', body: 'b' });
    expect(issuesOf([toList], [buildEdge('trigger', 'm')])).toEqual([]);
  });
});
