import { describe, expect, it, vi } from 'vitest';
import { createRunAnnouncer } from './run-announcer';

const ids = ['7f1c0d2e-7a55-4c1b-9d8e-000000000001', '7f1c0d2e-7a55-4c1b-9d8e-000000000002', '7f1c0d2e-7a55-4c1b-9d8e-000000000003'];

describe('run announcer', () => {
  it('announces after a quiet spell of its kind at once, and coalesces what follows within the window into one message per kind and status', async () => {
    vi.useFakeTimers();
    try {
      const published: { channel: string; message: string }[] = [];
      const announcer = createRunAnnouncer({ publish: async (channel: string, message: string) => (published.push({ channel, message }), 1) }, 50);
      const sent = () => published.map((p) => JSON.parse(p.message) as { kind: string; status?: string; runIds: string[] });
      announcer.announce({ kind: 'status', runIds: [ids[2] as string], status: 'running' });
      announcer.announce({ kind: 'steps', runIds: [ids[2] as string] });
      // Each kind's first event after a quiet spell goes out at once.
      expect(sent()).toEqual([{ kind: 'status', status: 'running', runIds: [ids[2]] }, { kind: 'steps', runIds: [ids[2]] }]);
      announcer.announce({ kind: 'status', runIds: [ids[0] as string], status: 'running' });
      announcer.announce({ kind: 'status', runIds: [ids[1] as string], status: 'running' });
      announcer.announce({ kind: 'status', runIds: [ids[0] as string], status: 'succeeded' });
      announcer.announce({ kind: 'steps', runIds: [ids[1] as string, ids[0] as string] });
      announcer.announce({ kind: 'steps', runIds: [ids[1] as string] });
      expect(published).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(60);
      const events = sent().slice(2);
      expect(events).toHaveLength(3);
      expect(events).toContainEqual({ kind: 'status', status: 'running', runIds: [ids[0], ids[1]] });
      expect(events).toContainEqual({ kind: 'status', status: 'succeeded', runIds: [ids[0]] });
      expect(events).toContainEqual({ kind: 'steps', runIds: [ids[1], ids[0]] });
      // A quiet window closes; the next event goes out at once again.
      await vi.advanceTimersByTimeAsync(60);
      announcer.announce({ kind: 'steps', runIds: [ids[1] as string] });
      expect(published).toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flush publishes what is buffered at once, and nothing twice', async () => {
    const published: string[] = [];
    const announcer = createRunAnnouncer({ publish: async (_c: string, message: string) => (published.push(message), 1) }, 10_000);
    announcer.announce({ kind: 'queued', runIds: [ids[0] as string] });
    announcer.announce({ kind: 'queued', runIds: [ids[1] as string] });
    await announcer.flush();
    await announcer.flush();
    expect(published.map((m) => JSON.parse(m))).toEqual([{ kind: 'queued', runIds: [ids[0]] }, { kind: 'queued', runIds: [ids[1]] }]);
  });
});
