import { describe, expect, it, vi } from 'vitest';
import { createRunAnnouncer } from './run-announcer';

const ids = ['7f1c0d2e-7a55-4c1b-9d8e-000000000001', '7f1c0d2e-7a55-4c1b-9d8e-000000000002', '7f1c0d2e-7a55-4c1b-9d8e-000000000003'];

describe('run announcer', () => {
  it('coalesces events of one kind and status within the window into one message naming every run', async () => {
    vi.useFakeTimers();
    try {
      const published: { channel: string; message: string }[] = [];
      const announcer = createRunAnnouncer({ publish: async (channel: string, message: string) => (published.push({ channel, message }), 1) }, 50);
      announcer.announce({ kind: 'status', runIds: [ids[0] as string], status: 'running' });
      announcer.announce({ kind: 'status', runIds: [ids[1] as string], status: 'running' });
      announcer.announce({ kind: 'status', runIds: [ids[0] as string], status: 'succeeded' });
      announcer.announce({ kind: 'steps', runIds: [ids[2] as string, ids[0] as string] });
      announcer.announce({ kind: 'steps', runIds: [ids[2] as string] });
      expect(published).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(60);
      const events = published.map((p) => JSON.parse(p.message) as { kind: string; status?: string; runIds: string[] });
      expect(events).toHaveLength(3);
      expect(events).toContainEqual({ kind: 'status', status: 'running', runIds: [ids[0], ids[1]] });
      expect(events).toContainEqual({ kind: 'status', status: 'succeeded', runIds: [ids[0]] });
      expect(events).toContainEqual({ kind: 'steps', runIds: [ids[2], ids[0]] });
    } finally {
      vi.useRealTimers();
    }
  });

  it('flush publishes what is buffered at once, and nothing twice', async () => {
    const published: string[] = [];
    const announcer = createRunAnnouncer({ publish: async (_c: string, message: string) => (published.push(message), 1) }, 10_000);
    announcer.announce({ kind: 'queued', runIds: [ids[0] as string] });
    await announcer.flush();
    await announcer.flush();
    expect(published.map((m) => JSON.parse(m))).toEqual([{ kind: 'queued', runIds: [ids[0]] }]);
  });
});
