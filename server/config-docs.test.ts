import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZEnv } from './env';
import { CONFIG_DOCS_PATH, renderConfigDocs } from './config-docs';

describe('configuration reference (docs/configuration.md)', () => {
  it('is exactly what the generator makes from server/env.ts', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '..', CONFIG_DOCS_PATH), 'utf8');
    expect(committed === renderConfigDocs(), `${CONFIG_DOCS_PATH} is out of date: run npm run docs:config`).toBe(true);
  });

  it('lists every variable of the schema with its default', () => {
    const doc = renderConfigDocs();
    for (const name of Object.keys(ZEnv.shape)) expect(doc).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    expect(doc).toContain('| `WORKER_CONCURRENCY` | `50` | integer, ≥ 1, ≤ 1000 |');
    expect(doc).toContain('| `RIPOSTE_DEMO` | `auto` | `auto`, `on`, `off`, `true`, `false`, `0`, `1` |');
    expect(doc).toContain('| `PORT` | `3000` | integer, > 0, ≤ 65535 |');
    expect(doc).toContain('| `RIPOSTE_SECRET_KEY` | unset | text |');
  });

  it('refuses a variable without a description', () => {
    const shape = ZEnv.shape as Record<string, unknown>;
    shape.UNDESCRIBED_FOR_TEST = ZEnv.shape.PORT.unwrap();
    try {
      expect(() => renderConfigDocs()).toThrow('UNDESCRIBED_FOR_TEST has no description');
    } finally {
      delete shape.UNDESCRIBED_FOR_TEST;
    }
  });
});
