import { describe, expect, it } from 'vitest';
import { buildAlert, buildEdge, buildGraph, buildNode, buildSeedFlow } from '@/core/testing/builders';
import { filterTokenOptions, flattenTokenOptions, sampleText, tokenOptions } from './token-options';

describe('tokenOptions', () => {
  const seed = buildSeedFlow();

  it('lists the trigger and the upstream steps, in graph order, never the node itself or later ones', () => {
    expect(tokenOptions(seed, 'notify_soc', {}).map((g) => g.nodeId)).toEqual(['trigger', 'get_alert', 'is_high', 'isolate']);
    expect(tokenOptions(seed, 'get_alert', {}).map((g) => g.nodeId)).toEqual(['trigger']);
    expect(tokenOptions(seed, 'is_high', {}).map((g) => g.nodeId)).toEqual(['trigger', 'get_alert']);
  });

  it('offers the trigger to its own filter', () => {
    expect(tokenOptions(seed, 'trigger', {}).map((g) => g.nodeId)).toEqual(['trigger']);
  });

  it('never offers a node on a sibling branch', () => {
    const graph = buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated'),
        buildNode('check', 'control.condition', { combinator: 'and', rules: [] }),
        buildNode('isolate', 'defender.isolateMachine'),
        buildNode('mail_no', 'email.send'),
      ],
      [buildEdge('trigger', 'check'), buildEdge('check', 'isolate', 'true'), buildEdge('check', 'mail_no', 'false')],
    );
    expect(tokenOptions(graph, 'mail_no', {}).map((g) => g.nodeId)).toEqual(['trigger', 'check']);
  });

  it('offers only the trigger to a node that is not connected yet', () => {
    const graph = buildGraph([buildNode('trigger', 'defender.alertCreated'), buildNode('get_alert', 'defender.getAlert')], []);
    expect(tokenOptions(graph, 'get_alert', {}).map((g) => g.nodeId)).toEqual(['trigger']);
  });

  it('builds the fields from the catalog outputs, with label, type and token', () => {
    const groups = tokenOptions(seed, 'notify_soc', {});
    const getAlert = groups.find((g) => g.nodeId === 'get_alert');
    expect(getAlert).toMatchObject({ nodeLabel: 'Get alert', nodeTitle: 'Get alert' });
    expect(getAlert?.fields.find((f) => f.path === 'severity')).toEqual({
      nodeId: 'get_alert',
      path: 'severity',
      label: 'Severity',
      type: 'string',
      token: '{{ get_alert.severity }}',
    });
  });

  it('shows sample values from the latest run as short text', () => {
    const alert = buildAlert({ title: `Suspicious   PowerShell\n${'x'.repeat(200)}` });
    const groups = tokenOptions(seed, 'notify_soc', { get_alert: alert, isolate: { status: 'Pending', alreadyRequested: false } });
    const fields = flattenTokenOptions(groups);
    const find = (nodeId: string, path: string) => fields.find((f) => f.nodeId === nodeId && f.path === path);
    expect(find('get_alert', 'severity')?.sample).toBe('High');
    expect(find('get_alert', 'incidentId')?.sample).toBe('1126093');
    expect(find('get_alert', 'relatedUser.userName')?.sample).toBe('alice');
    expect(find('get_alert', 'title')?.sample).toMatch(/^Suspicious PowerShell x+…$/);
    expect(find('get_alert', 'title')?.sample?.length).toBe(80);
    expect(find('get_alert', 'assignedTo')?.sample).toBe('null');
    expect(find('isolate', 'alreadyRequested')?.sample).toBe('false');
    expect(find('isolate', 'id')?.sample).toBeUndefined();
    expect(find('trigger', 'severity')?.sample).toBeUndefined();
  });

  it('renders samples as text only', () => {
    expect(sampleText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(sampleText({ a: 1 })).toBe('{"a":1}');
    expect(sampleText([])).toBe('[]');
    expect(sampleText(undefined)).toBeUndefined();
  });

  it('uses the node label, falling back to the catalog title', () => {
    const graph = buildGraph(
      [buildNode('trigger', 'defender.alertCreated', {}, { label: ' ' }), buildNode('a', 'defender.getAlert')],
      [buildEdge('trigger', 'a')],
    );
    expect(tokenOptions(graph, 'a', {})[0].nodeLabel).toBe('When a new alert is created');
  });
});

describe('filterTokenOptions', () => {
  const groups = tokenOptions(buildSeedFlow(), 'notify_soc', {});

  it('returns everything for an empty query', () => {
    expect(filterTokenOptions(groups, '  ')).toBe(groups);
  });

  it('matches the label or the path, case-insensitively, and drops empty groups', () => {
    const found = filterTokenOptions(groups, 'SEVER');
    expect(found.map((g) => g.nodeId)).toEqual(['trigger', 'get_alert']);
    expect(found.every((g) => g.fields.every((f) => f.path === 'severity'))).toBe(true);
    expect(flattenTokenOptions(filterTokenOptions(groups, 'dnsname')).map((f) => f.token)).toEqual([
      '{{ trigger.computerDnsName }}',
      '{{ get_alert.computerDnsName }}',
      '{{ isolate.computerDnsName }}',
    ]);
  });

  it('matches what the user types after {{ (node id and path)', () => {
    expect(flattenTokenOptions(filterTokenOptions(groups, 'get_alert.machine')).map((f) => f.path)).toEqual(['machineId']);
    expect(flattenTokenOptions(filterTokenOptions(groups, 'action status')).map((f) => f.token)).toEqual(['{{ isolate.status }}']);
    expect(filterTokenOptions(groups, 'nothing-like-this')).toEqual([]);
  });
});
