import { describe, expect, it } from 'vitest';
import { isMissingTable, migrationFolders, pendingMigrations } from './migrations';

const at = new Date('2026-12-01T12:00:00Z');

describe('pending migrations', () => {
  it('are the shipped folders without a finished, not rolled back row', () => {
    const applied = [
      { migration_name: 'a_init', finished_at: at, rolled_back_at: null },
      { migration_name: 'b_failed', finished_at: null, rolled_back_at: null },
      { migration_name: 'c_rolled_back', finished_at: at, rolled_back_at: at },
      { migration_name: 'z_unknown_to_this_build', finished_at: at, rolled_back_at: null },
    ];
    expect(pendingMigrations(['a_init', 'b_failed', 'c_rolled_back', 'd_new'], applied)).toEqual(['b_failed', 'c_rolled_back', 'd_new']);
    expect(pendingMigrations(['a_init'], [])).toEqual(['a_init']);
  });

  it('are read from prisma/migrations, folders only, in apply order', () => {
    const folders = migrationFolders();
    expect(folders.length).toBeGreaterThan(10);
    expect(folders).not.toContain('migration_lock.toml');
    expect([...folders].sort()).toEqual(folders);
    expect(folders[0]).toBe('20261128000000_init');
  });

  it('recognise a database that has never been migrated', () => {
    expect(isMissingTable(Object.assign(new Error('relation "_prisma_migrations" does not exist'), { code: '42P01' }))).toBe(true);
    expect(isMissingTable(new Error('connection refused'))).toBe(false);
  });
});
