import { describe, expect, it } from 'vitest';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { canConnect, handleName } from './connect-rules';
import { connectionChoices } from './connection-choices';
import { insertOnEdge } from './edit-ops';

const mail = (id: string) => buildNode(id, 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: 's', body: 'b' });
const graph = buildGraph(
  [
    buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
    buildNode('sw', 'control.switch', { value: '{{ trigger.severity }}', cases: ['High', 'Low'] }),
    buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}' }),
    mail('body'),
    mail('after'),
    mail('free'),
  ],
  [buildEdge('trigger', 'sw'), buildEdge('sw', 'loop', 'case:High'), buildEdge('loop', 'body', 'each'), buildEdge('loop', 'after', 'done')],
);

describe('designer connection rules for control steps', () => {
  it('names handles for people and screen readers', () => {
    expect(['each', 'done', 'default', 'case:Low', 'case:High risk'].map(handleName)).toEqual(['each', 'done', 'default', 'case Low', 'case High risk']);
  });

  it('switch offers one handle per case plus default', () => {
    expect(connectionChoices(graph, 'sw').map((c) => [c.handle, c.name])).toEqual([
      ['case:High', 'case High'],
      ['case:Low', 'case Low'],
      ['default', 'default'],
    ]);
    expect(canConnect(graph, { source: 'sw', sourceHandle: 'case:Low', target: 'free' }).ok).toBe(true);
    expect(canConnect(graph, { source: 'sw', sourceHandle: 'case:Medium', target: 'free' })).toEqual({ ok: false, reason: '"Switch" has no "case Medium" output.' });
  });

  it('refuses joining a loop body with a step outside it, with the reason', () => {
    const intoBody = canConnect(graph, { source: 'after', sourceHandle: 'out', target: 'free' });
    expect(intoBody.ok).toBe(true);
    for (const req of [
      { source: 'body', sourceHandle: 'out', target: 'after' },
      { source: 'sw', sourceHandle: 'default', target: 'body' },
    ]) {
      const result = canConnect(graph, req);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain('inside of the loop "loop"');
    }
    expect(canConnect(graph, { source: 'body', sourceHandle: 'out', target: 'free' }).ok).toBe(true);
  });

  it('cannot insert Terminate in the middle of a path', () => {
    const result = insertOnEdge(graph, 'e_loop_done_after', 'control.terminate');
    expect(result).toEqual({ ok: false, reason: '"Terminate" ends the run, so nothing can follow it; add it at the end of a path.' });
  });
});

describe('editing switch cases keeps connections', () => {
  it('renaming a case moves its edge; removing a case removes its edge', async () => {
    const { updateNode } = await import('./edit-ops');
    const sw = graph.nodes.find((n) => n.id === 'sw')!;
    const renamed = updateNode(graph, 'sw', { params: { ...sw.params, cases: ['Critical', 'Low'] } });
    expect(renamed.edges.find((e) => e.source === 'sw')?.sourceHandle).toBe('case:Critical');
    const removed = updateNode(graph, 'sw', { params: { ...sw.params, cases: ['Low'] } });
    expect(removed.edges.some((e) => e.source === 'sw')).toBe(false);
    const added = updateNode(graph, 'sw', { params: { ...sw.params, cases: ['High', 'Low', ''] } });
    expect(added.edges).toBe(graph.edges);
  });
});
