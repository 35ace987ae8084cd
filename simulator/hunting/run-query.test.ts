import { describe, expect, it } from 'vitest';
import { KqlParseError } from './kql';
import { runHuntingQuery } from './run-query';
import type { HuntingTable } from './tables';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const tables: Record<string, HuntingTable> = {
  Events: {
    columns: [
      { name: 'Timestamp', type: 'DateTime' },
      { name: 'Device', type: 'String' },
      { name: 'FileName', type: 'String' },
      { name: 'Pid', type: 'Int64' },
    ],
    rows: [
      { Timestamp: '2026-03-10T11:00:00Z', Device: 'ws-1', FileName: 'PowerShell.exe', Pid: 10 },
      { Timestamp: '2026-03-09T11:00:00Z', Device: 'ws-2', FileName: 'cmd.exe', Pid: 20 },
      { Timestamp: '2026-03-01T11:00:00Z', Device: 'ws-1', FileName: 'mimikatz.exe', Pid: 30 },
      { Timestamp: '2026-02-20T11:00:00Z', Device: 'ws-3', FileName: null, Pid: 40 },
    ],
  },
};
const run = (q: string) => runHuntingQuery(q, tables, NOW);
const pids = (q: string) => run(q).results.map((r) => r.Pid);

describe('hunting query engine', () => {
  it('returns the table with its schema', () => {
    const result = run('Events');
    expect(result.schema.map((c) => c.name)).toEqual(['Timestamp', 'Device', 'FileName', 'Pid']);
    expect(result.results).toHaveLength(4);
  });

  it('filters with ==, != (case-sensitive) and =~, contains (case-insensitive)', () => {
    expect(pids('Events | where FileName == "powershell.exe"')).toEqual([]);
    expect(pids('Events | where FileName =~ "powershell.exe"')).toEqual([10]);
    expect(pids('Events | where FileName contains "KATZ"')).toEqual([30]);
    expect(pids('Events | where Device != "ws-1"')).toEqual([20, 40]);
    expect(pids('Events | where FileName !contains "exe"')).toEqual([40]);
    expect(pids('Events | where FileName startswith "cmd"')).toEqual([20]);
  });

  it('compares numbers and datetimes, including ago()', () => {
    expect(pids('Events | where Pid > 15 and Pid <= 30')).toEqual([20, 30]);
    expect(pids('Events | where Timestamp > ago(2d)')).toEqual([10, 20]);
    expect(pids('Events | where Timestamp < datetime(2026-03-01T12:00:00Z)')).toEqual([30, 40]);
    expect(pids('Events | where Timestamp == datetime(2026-03-09T11:00:00Z) or Pid == 40')).toEqual([20, 40]);
  });

  it('projects, orders, takes and counts', () => {
    const r = run('Events | order by Pid asc | project Device, Pid | take 2');
    expect(r.schema).toEqual([{ name: 'Device', type: 'String' }, { name: 'Pid', type: 'Int64' }]);
    expect(r.results).toEqual([{ Device: 'ws-1', Pid: 10 }, { Device: 'ws-2', Pid: 20 }]);
    expect(pids('Events | order by Timestamp')).toEqual([10, 20, 30, 40]);
    expect(run('Events | where Pid > 10 | count').results).toEqual([{ Count: 3 }]);
  });

  it('summarizes count() by columns', () => {
    const r = run('Events | summarize count() by Device | order by count_ desc, Device asc');
    expect(r.schema).toEqual([{ name: 'Device', type: 'String' }, { name: 'count_', type: 'Int64' }]);
    expect(r.results).toEqual([{ Device: 'ws-1', count_: 2 }, { Device: 'ws-2', count_: 1 }, { Device: 'ws-3', count_: 1 }]);
    expect(run('Events | where Pid > 100 | summarize Total = count()').results).toEqual([{ Total: 0 }]);
  });

  it('refuses unknown tables and columns, and type mismatches', () => {
    expect(() => run('Nope')).toThrow(/Failed to resolve table expression named 'Nope'/);
    expect(() => run('Events | project Device, Missing')).toThrow(/'project' operator: Failed to resolve scalar expression named 'Missing'/);
    expect(() => run('Events | where Pid == "10"')).toThrow(/is a number/);
    expect(() => run('Events | where Device > 3')).toThrow(KqlParseError);
    expect(() => run('Events | where Timestamp > "not a date"')).toThrow(/is a datetime/);
    // A column dropped by project is gone for later operators.
    expect(() => run('Events | project Device | where Pid > 1')).toThrow(/named 'Pid'/);
    // Object prototype names are not tables.
    expect(() => run('constructor')).toThrow(KqlParseError);
  });
});
