import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import type { EditorFlow, SaveDraftResult } from '../types';
import { backupKey, createAutosave, readBackup, recoverableBackup, type AutosaveState, type Draft } from './autosave';

/** Manual timers: `tick(ms)` fires what is due, in order. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    timers: {
      setTimeout(fn: () => void, ms: number) {
        const id = nextId++;
        due.set(id, { at: now + ms, fn });
        return id;
      },
      clearTimeout(handle: unknown) {
        due.delete(handle as number);
      },
    },
    now: () => now,
    async tick(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (next === undefined) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
        await flushPromises();
      }
      now = end;
      await flushPromises();
    },
    pending: () => due.size,
  };
}

async function flushPromises() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const graph = buildSeedFlow();
const draft = (name: string): Draft => ({ graph, name, description: '' });
const flow = (over: Partial<EditorFlow> = {}): EditorFlow => ({
  id: 'f1',
  name: 'Flow',
  description: '',
  enabled: false,
  graph,
  draftVersion: 3,
  publishedVersion: null,
  ...over,
});

function setup(save: (input: { baseVersion: number; name: string }) => Promise<SaveDraftResult>) {
  const clock = fakeTimers();
  const storage = memoryStorage();
  const states: AutosaveState[] = [];
  const calls: { baseVersion: number; name: string }[] = [];
  const ctl = createAutosave({
    flowId: 'f1',
    baseVersion: 3,
    save: (input) => {
      calls.push({ baseVersion: input.baseVersion, name: input.name });
      return save(input);
    },
    onState: (s) => states.push(s),
    storage,
    timers: clock.timers,
    now: clock.now,
  });
  return { clock, storage, states, calls, ctl, status: () => ctl.getState().status };
}

const ok = (v: number): SaveDraftResult => ({ ok: true, draftVersion: v, savedAt: `2026-01-01T00:00:0${v}Z` });

describe('autosave', () => {
  it('debounces bursts into one save of the latest draft and clears the backup', async () => {
    let version = 3;
    const t = setup(async () => ok(++version));
    t.ctl.change(draft('a'));
    await t.clock.tick(300);
    t.ctl.change(draft('ab'));
    expect(t.status()).toBe('dirty');
    expect(readBackup(t.storage, 'f1')?.name).toBe('ab');
    await t.clock.tick(799);
    expect(t.calls).toEqual([]);
    await t.clock.tick(1);
    expect(t.calls).toEqual([{ baseVersion: 3, name: 'ab' }]);
    expect(t.ctl.getState()).toMatchObject({ status: 'saved', baseVersion: 4 });
    expect(t.storage.map.has(backupKey('f1'))).toBe(false);
    // The next save is based on the version the server returned.
    t.ctl.change(draft('abc'));
    await t.clock.tick(800);
    expect(t.calls.at(-1)).toEqual({ baseVersion: 4, name: 'abc' });
  });

  it('saves again when an edit arrives while a save is in flight', async () => {
    let release: (r: SaveDraftResult) => void = () => {};
    const t = setup(() => new Promise((resolve) => (release = resolve)));
    t.ctl.change(draft('one'));
    await t.clock.tick(800);
    expect(t.status()).toBe('saving');
    t.ctl.change(draft('two'));
    release(ok(4));
    await t.clock.tick(0);
    expect(t.status()).toBe('dirty');
    await t.clock.tick(800);
    expect(t.calls.map((c) => [c.name, c.baseVersion])).toEqual([
      ['one', 3],
      ['two', 4],
    ]);
  });

  it('goes offline on a network failure, keeps the backup and retries with backoff', async () => {
    let online = false;
    const t = setup(async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return ok(4);
    });
    t.ctl.change(draft('x'));
    await t.clock.tick(800);
    expect(t.ctl.getState()).toMatchObject({ status: 'offline', message: expect.stringMatching(/kept locally/) });
    expect(readBackup(t.storage, 'f1')).toMatchObject({ name: 'x', baseVersion: 3, flowId: 'f1' });
    await t.clock.tick(1000); // 1st retry after 1 s
    await t.clock.tick(2000); // 2nd after 2 s
    expect(t.calls).toHaveLength(3);
    t.ctl.change(draft('y')); // edits while offline wait for the backoff timer
    expect(t.status()).toBe('offline');
    online = true;
    await t.clock.tick(4000);
    expect(t.calls.at(-1)).toEqual({ baseVersion: 3, name: 'y' });
    expect(t.status()).toBe('saved');
    expect(readBackup(t.storage, 'f1')).toBeNull();
  });

  it('reports a stale save as a conflict with the server flow and never retries it', async () => {
    const current = flow({ draftVersion: 7, name: 'Theirs' });
    const t = setup(async () => ({ ok: false, code: 'StaleDraft', message: 'Changed elsewhere', current }));
    t.ctl.change(draft('mine'));
    await t.clock.tick(800);
    expect(t.ctl.getState()).toMatchObject({ status: 'conflict', conflict: current });
    t.ctl.change(draft('mine 2'));
    await t.clock.tick(5000);
    expect(t.calls).toHaveLength(1);
    expect(readBackup(t.storage, 'f1')?.name).toBe('mine 2');
    // "Reload theirs": adopt the server version; nothing pending, backup gone.
    t.ctl.reset(7);
    expect(t.ctl.getState()).toMatchObject({ status: 'saved', baseVersion: 7, conflict: null });
    expect(readBackup(t.storage, 'f1')).toBeNull();
  });

  it('shows other server errors and retries on the next edit', async () => {
    let fail = true;
    const t = setup(async () => (fail ? { ok: false, code: 'Forbidden', message: 'No write access' } : ok(4)));
    t.ctl.change(draft('a'));
    await t.clock.tick(800);
    expect(t.ctl.getState()).toMatchObject({ status: 'error', message: 'No write access' });
    fail = false;
    t.ctl.change(draft('b'));
    await t.clock.tick(800);
    expect(t.status()).toBe('saved');
  });

  it('flush saves immediately', async () => {
    const t = setup(async () => ok(4));
    t.ctl.change(draft('now'));
    await t.ctl.flush();
    expect(t.calls).toHaveLength(1);
    expect(t.clock.pending()).toBe(0);
  });
});

describe('recoverableBackup', () => {
  it('offers a backup that differs from the server draft, flagging a stale base', () => {
    const storage = memoryStorage();
    const backup = { flowId: 'f1', baseVersion: 3, savedAt: '2026-01-01T00:00:00Z', name: 'Mine', description: '', graph };
    storage.setItem(backupKey('f1'), JSON.stringify(backup));
    expect(recoverableBackup(storage, flow())).toEqual({ backup, stale: false });
    expect(recoverableBackup(storage, flow({ draftVersion: 5 }))?.stale).toBe(true);
  });

  it('drops a backup identical to the server draft, and ignores junk', () => {
    const storage = memoryStorage();
    storage.setItem(backupKey('f1'), JSON.stringify({ flowId: 'f1', baseVersion: 3, savedAt: 'x', name: 'Flow', description: '', graph }));
    expect(recoverableBackup(storage, flow())).toBeNull();
    expect(storage.map.size).toBe(0);
    storage.setItem(backupKey('f1'), '{not json');
    expect(recoverableBackup(storage, flow())).toBeNull();
  });
});
