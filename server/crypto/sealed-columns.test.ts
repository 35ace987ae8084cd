// The registry must list every sealed column: a column left out would keep its old key through
// a rotation and stop opening once that key is retired. The schema is read as text, so a new
// String column whose name says "secret" fails here until it is registered (or named otherwise).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEALED_COLUMNS, SQL_IDENTIFIER } from './sealed-columns';

const schema = readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');

/** model name → field name → type (e.g. "String?"). */
function modelFields(): Map<string, Map<string, string>> {
  const models = new Map<string, Map<string, string>>();
  for (const m of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, string>();
    for (const line of m[2]!.split('\n')) {
      const f = /^\s+(\w+)\s+([\w?[\]]+)/.exec(line);
      if (f && !line.trim().startsWith('//') && !line.trim().startsWith('@@')) fields.set(f[1]!, f[2]!);
    }
    models.set(m[1]!, fields);
  }
  return models;
}

describe('sealed column registry', () => {
  const models = modelFields();

  it('names real text columns with plain identifiers', () => {
    expect(SEALED_COLUMNS.length).toBeGreaterThan(0);
    for (const c of SEALED_COLUMNS) {
      for (const name of [c.table, c.idColumn, c.column, ...(c.labelColumn ? [c.labelColumn] : [])]) expect(name).toMatch(SQL_IDENTIFIER);
      const fields = models.get(c.table);
      expect(fields, `model ${c.table}`).toBeDefined();
      expect(fields!.get(c.column), `${c.table}.${c.column}`).toMatch(/^String\??$/);
      expect(fields!.has(c.idColumn), `${c.table}.${c.idColumn}`).toBe(true);
    }
  });

  it('includes Connection.secret', () => {
    expect(SEALED_COLUMNS.some((c) => c.table === 'Connection' && c.column === 'secret')).toBe(true);
  });

  it('lists every String column named like a secret (hashes excepted: they are not sealed)', () => {
    const registered = new Set(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`));
    const secretLooking: string[] = [];
    for (const [model, fields] of models) {
      for (const [name, type] of fields) {
        if (/^String\??$/.test(type) && /secret|sealed|password(?!hash)/i.test(name) && !/hash$/i.test(name)) secretLooking.push(`${model}.${name}`);
      }
    }
    expect(secretLooking.filter((c) => !registered.has(c))).toEqual([]);
  });
});
