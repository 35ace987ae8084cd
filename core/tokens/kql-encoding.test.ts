// Alert data inside a hunting query must stay data: tokens in a KQL param are escaped as string
// content, and the checker asks for quotes around them.
import { describe, expect, it } from 'vitest';
import { checkFlow } from '../flow/check';
import { TEST_DEFENDER_CONNECTION_ID as DEF, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { encodeHtml, encodeKqlString, encodeODataString, resolveParams } from './resolve';

describe('KQL token encoding', () => {
  it('escapes quotes, backslashes and line breaks', () => {
    expect(encodeKqlString(`a"b'c\\d\ne`)).toBe(`a\\"b\\'c\\\\d\\ne`);
  });

  it('encodes only the params that ask for it', () => {
    const ctx = { trigger: { title: 'x" | take 1000000 //' } };
    const r = resolveParams({ query: 'AlertInfo | where Title == "{{ trigger.title }}"', note: '{{ trigger.title }}!' }, ctx, { query: encodeKqlString });
    expect(r.value).toEqual({ query: 'AlertInfo | where Title == "x\\" | take 1000000 //"', note: 'x" | take 1000000 //!' });
  });

  it('warns about a token that is not inside quotes in a query', () => {
    const graph = (query: string) =>
      buildGraph(
        [buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }), buildNode('hunt', 'defender.runHuntingQuery', { connectionId: DEF, query, api: 'graph' })],
        [buildEdge('trigger', 'hunt')],
      );
    const unquoted = checkFlow(graph('DeviceInfo | where DeviceId == {{ trigger.machineId }}'));
    expect(unquoted.issues.map((i) => i.code)).toContain('UnquotedQueryToken');
    const quoted = checkFlow(graph('DeviceInfo | where DeviceId == "{{ trigger.machineId }}"'));
    expect(quoted.issues.map((i) => i.code)).not.toContain('UnquotedQueryToken');
  });
});

describe('OData token encoding', () => {
  it('doubles quotes so a value stays inside its string', () => {
    const r = resolveParams({ filter: "machineId eq '{{ trigger.machineId }}'" }, { trigger: { machineId: "x' or 1 eq 1 or 'a" } }, { filter: encodeODataString });
    expect(r.value).toEqual({ filter: "machineId eq 'x'' or 1 eq 1 or ''a'" });
  });
});

describe('HTML token encoding', () => {
  it('escapes alert text so it can never become markup', () => {
    const r = resolveParams({ html: '<p>{{ trigger.title }}</p>' }, { trigger: { title: `<img src=x onerror="alert('x')">&` } }, { html: encodeHtml });
    expect(r.value).toEqual({ html: '<p>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>' });
  });
});
