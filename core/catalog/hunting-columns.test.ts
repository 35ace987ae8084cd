import { describe, expect, it } from 'vitest';
import { columnFieldType, columnFields, columnsFromOutput, huntingColumns } from './hunting-columns';
import { defenderRunHuntingQuery } from './defender-run-hunting-query';
import { nodeOutputFields, outputFieldsOf } from './index';

const COLUMNS = [
  { name: 'Timestamp', type: 'DateTime' },
  { name: 'DeviceId', type: 'String' },
  { name: 'DeviceName', type: 'string' },
  { name: 'ProcessId', type: 'Int64' },
  { name: 'Score', type: 'real' },
  { name: 'IsServer', type: 'Boolean' },
  { name: 'AdditionalFields', type: 'dynamic' },
];

describe('hunting columns → output fields', () => {
  it('maps KQL types to token types (both the Kusto and the .NET spellings the APIs report)', () => {
    expect(['string', 'String', 'guid', 'timespan'].map(columnFieldType)).toEqual(['string', 'string', 'string', 'string']);
    expect(['datetime', 'DateTime', 'System.DateTime'].map(columnFieldType)).toEqual(['datetime', 'datetime', 'datetime']);
    expect(['long', 'int', 'real', 'Int32', 'Int64', 'Double', 'decimal'].map(columnFieldType)).toEqual(Array(7).fill('number'));
    expect(['bool', 'Boolean'].map(columnFieldType)).toEqual(['boolean', 'boolean']);
    expect(['dynamic', 'Object', 'SomethingNew'].map(columnFieldType)).toEqual(['any', 'any', 'any']);
  });

  it('gives one typed field per column, leaving out names a token cannot spell', () => {
    expect(columnFields([...COLUMNS, { name: 'two words', type: 'string' }, { name: '__proto__', type: 'string' }])).toEqual([
      { path: 'Timestamp', label: 'Timestamp', type: 'datetime' },
      { path: 'DeviceId', label: 'DeviceId', type: 'string' },
      { path: 'DeviceName', label: 'DeviceName', type: 'string' },
      { path: 'ProcessId', label: 'ProcessId', type: 'number' },
      { path: 'Score', label: 'Score', type: 'number' },
      { path: 'IsServer', label: 'IsServer', type: 'boolean' },
      { path: 'AdditionalFields', label: 'AdditionalFields', type: 'any' },
    ]);
  });

  it('the hunting step describes its rows and first row when columns are stored', () => {
    const fields = nodeOutputFields(defenderRunHuntingQuery, { query: 'x', columns: COLUMNS.slice(1, 3) });
    expect(fields.map((f) => [f.path, f.type])).toEqual([
      ['results', 'array'],
      ['results[0].DeviceId', 'string'],
      ['results[0].DeviceName', 'string'],
      ['rowCount', 'number'],
      ['schema', 'array'],
      ['api', 'string'],
    ]);
    expect(fields[0]?.items).toEqual([
      { path: 'DeviceId', label: 'DeviceId', type: 'string' },
      { path: 'DeviceName', label: 'DeviceName', type: 'string' },
    ]);
    expect(fields[2]?.label).toBe('First row: DeviceName');
    // Without params (palette, docs) and without columns: the declared fields only.
    expect(nodeOutputFields(defenderRunHuntingQuery).map((f) => f.path)).toEqual(['results', 'rowCount', 'schema', 'api']);
    expect(nodeOutputFields(defenderRunHuntingQuery, { query: 'x' }).map((f) => f.path)).toEqual(['results', 'rowCount', 'schema', 'api']);
    expect(outputFieldsOf(defenderRunHuntingQuery, { columns: COLUMNS }).map((f) => f.path)).toContain('error.message');
  });

  it('infers columns from the latest run: its recorded schema, else the first rows', () => {
    expect(columnsFromOutput({ schema: COLUMNS.slice(0, 2), results: [] })).toEqual(COLUMNS.slice(0, 2));
    expect(columnsFromOutput({ results: [{ DeviceName: 'a', Count: 3, Ratio: 0.5, Up: true, Seen: '2026-01-02T03:04:05Z', Extra: null }, { Extra: { a: 1 } }] })).toEqual([
      { name: 'DeviceName', type: 'string' },
      { name: 'Count', type: 'long' },
      { name: 'Ratio', type: 'real' },
      { name: 'Up', type: 'bool' },
      { name: 'Seen', type: 'datetime' },
      { name: 'Extra', type: 'dynamic' },
    ]);
    expect(columnsFromOutput({ results: [] })).toBeUndefined();
    expect(columnsFromOutput('not an output')).toBeUndefined();
  });

  it('stored columns win over the latest run', () => {
    const sample = { schema: [{ name: 'Old', type: 'String' }], results: [] };
    expect(huntingColumns({ columns: [{ name: 'New', type: 'String' }] }, sample)).toEqual({ columns: [{ name: 'New', type: 'String' }], source: 'stored' });
    expect(huntingColumns({}, sample)).toEqual({ columns: [{ name: 'Old', type: 'String' }], source: 'lastRun' });
    expect(huntingColumns({ columns: 'garbage' }, undefined)).toBeUndefined();
  });

  it('accepts stored columns as a param and refuses malformed ones', () => {
    const base = { connectionId: '7c1d6bb5-8a0e-4bd5-9b5c-3b1c1c3d6e01', query: 'DeviceInfo' };
    expect(defenderRunHuntingQuery.params.safeParse({ ...base, columns: COLUMNS }).success).toBe(true);
    expect(defenderRunHuntingQuery.params.safeParse(base).success).toBe(true);
    expect(defenderRunHuntingQuery.params.safeParse({ ...base, columns: [{ name: '' }] }).success).toBe(false);
  });
});
