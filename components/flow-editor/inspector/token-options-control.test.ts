import { describe, expect, it } from 'vitest';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { tokenOptions } from './token-options';
import { textParts, tokenContext } from './token-text';

const mail = (id: string) => buildNode(id, 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: 's', body: 'b' });
const graph = buildGraph(
  [
    buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
    buildNode('init', 'control.setVariable', { name: 'hashes', value: [] }),
    buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}' }),
    buildNode('get', 'defender.getAlert', { connectionId: DEF, alertId: '{{ trigger.id }}' }),
    mail('body_after'),
    mail('on_error'),
    mail('after'),
  ],
  [
    buildEdge('trigger', 'init'), buildEdge('init', 'loop'), buildEdge('loop', 'get', 'each'), buildEdge('get', 'body_after'),
    buildEdge('get', 'on_error', 'error'), buildEdge('loop', 'after', 'done'),
  ],
);
const fieldsOf = (nodeId: string, source: string) => tokenOptions(graph, nodeId, {}).find((g) => g.nodeId === source)?.fields.map((f) => f.path);

describe('token options for control steps (same rules as the checker)', () => {
  it('inside the loop: item and index; after it: results and count; never the body steps', () => {
    expect(fieldsOf('get', 'loop')).toEqual(['item', 'index']);
    expect(fieldsOf('after', 'loop')).toEqual(['results', 'count']);
    expect(tokenOptions(graph, 'after', {}).map((g) => g.nodeId)).toEqual(['trigger', 'init', 'loop', 'variables']);
  });

  it('offers error code and message only on the error branch', () => {
    expect(fieldsOf('on_error', 'get')).toEqual(expect.arrayContaining(['error.code', 'error.message']));
    expect(fieldsOf('body_after', 'get')).not.toContain('error.code');
  });

  it('offers the variables set upstream as {{ variables.<name> }}', () => {
    const vars = tokenOptions(graph, 'get', {}).find((g) => g.nodeId === 'variables');
    expect(vars?.fields.map((f) => f.token)).toEqual(['{{ variables.hashes }}']);
    expect(tokenOptions(graph, 'init', {}).some((g) => g.nodeId === 'variables')).toBe(false);
  });

  it('shows variable chips, flagging names not set before the step', () => {
    const parts = textParts('{{ variables.hashes }} {{ variables.nope }}', tokenContext(graph, 'after'));
    expect(parts.filter((p) => p.kind === 'token').map((p) => p.kind === 'token' && [p.label, p.state])).toEqual([
      ['Variables › hashes', 'ok'],
      ['Variables › nope', 'notUpstream'],
    ]);
    const err = textParts('{{ get.error.message }}', tokenContext(graph, 'on_error'));
    expect(err[0]).toMatchObject({ label: 'get › Error message (on error branch)', state: 'ok' });
  });
});
