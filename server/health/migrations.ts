// Which migrations this build ships (the folders in prisma/migrations) and which of them the
// database has not finished applying. Used by /api/ready and by scripts/container/migrate.ts.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Migration folder names, in the order Prisma applies them (lexical), read from
 * prisma/migrations under process.cwd(): the repository locally and in scripts/container/
 * (they change into it), and the standalone server's own folder in the image (server.js changes
 * into it; Next's file tracing copies prisma/migrations there because of this literal path, so
 * keep it literal).
 */
export function migrationFolders(): string[] {
  return readdirSync(path.join(process.cwd(), 'prisma', 'migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A row of _prisma_migrations, as far as this check cares. */
export interface AppliedMigration {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** SQL for the rows above; the same text for Prisma's $queryRawUnsafe and pg. */
export const APPLIED_MIGRATIONS_SQL = 'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations';

/** Shipped migrations without a finished, not rolled back row: still to apply (or failed). */
export function pendingMigrations(folders: string[], applied: AppliedMigration[]): string[] {
  const done = new Set(applied.filter((m) => m.finished_at !== null && m.rolled_back_at === null).map((m) => m.migration_name));
  return folders.filter((f) => !done.has(f));
}

/** True when the error says _prisma_migrations does not exist yet (a fresh database). */
export function isMissingTable(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String((err as { code?: unknown }).code ?? '')}` : String(err);
  return /42P01|does not exist/i.test(text);
}
