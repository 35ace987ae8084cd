// What every CLI command shares: the environment (.env.local like the web and the worker), the
// principal that audit entries name as "cli", and turning failures into a message and exit code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { isServiceError } from '@/server/services/errors';
import type { Principal, Role } from '@/server/auth/roles';

/** Reads .env.local from the working directory; variables already set win (as with start.sh). */
export function loadLocalEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env.local');
  if (!existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) process.env[key] ??= value;
}

export const CLI_ACTOR_EMAIL = 'cli';

/**
 * The operator at the shell has full access (they can reach the database anyway). No user row
 * stands behind it, so userId is empty: audit stores no actor id and actorEmail "cli".
 */
export function cliPrincipal(onBehalfOf?: { userId: string; role: Role }): Principal {
  return { userId: onBehalfOf?.userId ?? '', email: CLI_ACTOR_EMAIL, role: onBehalfOf?.role ?? 'admin', via: 'token', ip: null, userAgent: 'riposte-cli' };
}

/** A failure the user can fix: printed without a stack trace. */
export class CliError extends Error {}

export function describeError(e: unknown): string {
  if (isServiceError(e)) {
    const details = Array.isArray(e.details)
      ? (e.details as { path?: string; message?: string }[]).map((d) => `  - ${d.path ? `${d.path}: ` : ''}${d.message ?? JSON.stringify(d)}`).join('\n')
      : '';
    return `${e.message} (${e.code})${details && !e.message.includes(':') ? `\n${details}` : ''}`;
  }
  if (e instanceof CliError) return e.message;
  return `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
}
