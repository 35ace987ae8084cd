// The image's worker and migrate roles run from /app with a node_modules that has no Next.js
// (the Dockerfile drops it; the web role has its own copy). This keeps that true.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith(path.join('server', 'db', 'generated')));
}

describe('code the worker and migrate roles load', () => {
  it('never imports Next.js (the Dockerfile removes it from the worker image layer)', () => {
    const offenders = [...sources('server'), ...sources('worker'), ...sources('core'), 'scripts/container/migrate.ts'].filter((f) =>
      /from ['"]next(\/|['"])/.test(readFileSync(path.join(root, f), 'utf8')),
    );
    expect(offenders, 'import Next only under app/, or drop the `rm -rf node_modules/next` line from the Dockerfile').toEqual([]);
  });
});
