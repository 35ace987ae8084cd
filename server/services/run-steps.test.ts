import { describe, expect, it } from 'vitest';
import { REDACTED } from '@/core/redact';
import { toStepDto } from './run-steps';

const row = (input: unknown, output: unknown) => ({
  nodeId: 'call', iteration: '', type: 'http.request', status: 'succeeded', input, output, error: null, attempt: 1, seq: 2,
  startedAt: new Date('2026-12-01T09:00:00.000Z'), finishedAt: new Date('2026-12-01T09:00:01.250Z'),
});

describe('toStepDto', () => {
  it('redacts secret-looking keys in inputs and outputs, at any depth, before they leave the server', () => {
    const dto = toStepDto(
      row(
        { url: 'https://x', headers: { Authorization: 'Bearer abc', accept: 'json' }, apiKey: 'k' },
        { status: 200, body: { access_token: 'eyJ…', items: [{ password: 'p', name: 'n' }] } },
      ),
    );
    expect(dto.input).toEqual({ url: 'https://x', headers: { Authorization: REDACTED, accept: 'json' }, apiKey: REDACTED });
    expect(dto.output).toEqual({ status: 200, body: { access_token: REDACTED, items: [{ password: REDACTED, name: 'n' }] } });
    expect(JSON.stringify(dto)).not.toMatch(/Bearer abc|eyJ|"p"/);
  });

  it('keeps everything else as recorded, with ISO times and the duration', () => {
    const dto = toStepDto(row(null, { id: 'ma-1', status: 'Pending' }));
    expect(dto).toMatchObject({ input: null, output: { id: 'ma-1', status: 'Pending' }, startedAt: '2026-12-01T09:00:00.000Z', durationMs: 1250 });
  });
});
