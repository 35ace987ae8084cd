import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import * as cmd from './commands';
import { createEditorStore } from './store';
import type { EditorFlow } from './types';

const flow: EditorFlow = { id: 'f1', name: 'Seed', description: '', enabled: false, graph: buildSeedFlow(), draftVersion: 1, publishedVersion: null };

function setup(canWrite = true) {
  let t = 0;
  const api = createEditorStore(flow, canWrite, () => (t += 5000));
  return { api, s: () => api.getState() };
}

describe('editor store + commands', () => {
  it('undoes and redoes a deletion', () => {
    const { api, s } = setup();
    s().actions.setSelection(['isolate'], []);
    cmd.deleteSelection(api);
    expect(s().graph.nodes.map((n) => n.id)).not.toContain('isolate');
    expect(s().selectedNodes).toEqual([]);
    s().actions.undo();
    expect(s().graph).toBe(flow.graph);
    s().actions.redo();
    expect(s().graph.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('refuses to delete the trigger and says why', () => {
    const { api, s } = setup();
    s().actions.setSelection(['trigger'], []);
    cmd.deleteSelection(api);
    expect(s().graph).toBe(flow.graph);
    expect(s().toasts.at(-1)?.text).toMatch(/trigger stays/);
  });

  it('copy/paste a branch selects the copies', () => {
    const { api, s } = setup();
    s().actions.setSelection(['isolate', 'notify_soc'], []);
    const text = cmd.copySelection(api);
    cmd.paste(api, text);
    expect(s().selectedNodes).toEqual(['isolate_2', 'notify_soc_2']);
    expect(s().graph.nodes.find((n) => n.id === 'notify_soc_2')?.params.body).toMatch(/\{\{ isolate_2\.status \}\}/);
    // With an empty system clipboard the in-memory copy is used.
    cmd.paste(api, '');
    expect(s().selectedNodes).toEqual(['isolate_3', 'notify_soc_3']);
  });

  it('toasts the reason for a refused connection', () => {
    const { api, s } = setup();
    cmd.connect(api, { source: 'notify_soc', sourceHandle: 'out', target: 'trigger' });
    expect(s().graph).toBe(flow.graph);
    expect(s().toasts.at(-1)).toMatchObject({ tone: 'error', text: expect.stringMatching(/into the trigger/) });
  });

  it('inserts from the menu on an edge and selects the new step', () => {
    const { api, s } = setup();
    s().actions.openMenu({ kind: 'edge', edgeId: 'e4', x: 0, y: 0 });
    cmd.insertAt(api, 'defender.getAlert');
    expect(s().selectedNodes).toEqual(['get_alert_2']);
    expect(s().menu).toBeNull();
  });

  it('ignores edits when read-only or while viewing a version', () => {
    const ro = setup(false);
    cmd.addNodeAt(ro.api, 'email.send', { x: 0, y: 0 });
    expect(ro.s().graph).toBe(flow.graph);
    const { api, s } = setup();
    s().actions.view({ version: 1, graph: flow.graph });
    cmd.tidy(api);
    s().actions.undo();
    expect(s().history.past).toHaveLength(0);
  });

  it('coalesces inspector keystrokes of one field into one undo step', () => {
    let t = 0;
    const api = createEditorStore(flow, true, () => (t += 100));
    for (const label of ['I', 'Is', 'Iso']) cmd.updateNode(api, 'isolate', { label }, 'label');
    expect(api.getState().history.past).toHaveLength(1);
  });

  it('imports a file, merging with remapped ids', () => {
    const { api, s } = setup();
    expect(cmd.importText(api, JSON.stringify({ name: 'x', description: '', graph: buildSeedFlow() }))).toBe(true);
    expect(s().graph.nodes).toHaveLength(9);
    expect(cmd.importText(api, '{"graph": {"schemaVersion": 1, "nodes": 3, "edges": []}}')).toBe(false);
    expect(s().toasts.at(-1)?.text).toMatch(/Import failed: graph\.nodes/);
  });
});
