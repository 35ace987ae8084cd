import { describe, expect, it } from 'vitest';
import { filterSql, keysetSql, likeContains } from './run-list-sql';

describe('run list SQL', () => {
  it('searches for the literal text: % _ and \\ are escaped', () => {
    expect(likeContains('100% _done_ C:\\temp')).toBe('%100\\% \\_done\\_ C:\\\\temp%');
  });

  it('binds every value as a parameter, never into the SQL text', () => {
    const sql = filterSql({ flowId: '00000000-0000-4000-8000-000000000001', status: ['failed', 'timed_out'], severity: "High'; DROP TABLE \"Run\" --", q: 'x' });
    expect(sql.sql).not.toContain('DROP');
    expect(sql.values).toEqual(['00000000-0000-4000-8000-000000000001', ['failed', 'timed_out'], "High'; DROP TABLE \"Run\" --", '%x%']);
    expect(filterSql({}).sql).toBe('TRUE');
  });

  it('pages older with createdAt <= c as the index bound and the id as tie-break', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const older = keysetSql({ createdAt: at, id: '00000000-0000-4000-8000-000000000002', direction: 'older' });
    expect(older.sql).toContain('"createdAt" <= ?');
    expect(older.sql).toContain('"id" < ?::uuid');
    expect(keysetSql({ createdAt: at, id: '00000000-0000-4000-8000-000000000002', direction: 'newer' }).sql).toContain('"id" > ?::uuid');
  });
});
