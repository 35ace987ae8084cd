// The Riposte command line (`npx riposte …`, docs/cli.md). Each command is a thin layer over
// server/services, so the CLI enforces the same validation and writes the same audit entries
// (actor "cli") as the web app.
import { Command, InvalidArgumentError } from 'commander';
import { CliError, cliPrincipal, describeError, loadLocalEnv } from './context';
import { promptPassword, readStdinPassword } from './password';

loadLocalEnv();

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('Not a whole number.');
  return n;
}

/** Runs a command, prints its result, and always closes the database so the process exits. */
function action<A extends unknown[]>(fn: (...args: A) => Promise<string>) {
  return async (...args: A) => {
    let code = 0;
    try {
      process.stdout.write((await fn(...args)) + '\n');
    } catch (e) {
      process.stderr.write(`riposte: ${describeError(e)}\n`);
      code = 1;
    }
    const { db } = await import('@/server/db/client');
    await db().$disconnect().catch(() => undefined);
    process.exit(code);
  };
}

const program = new Command('riposte')
  .description('Administer a Riposte installation from the shell (uses DATABASE_URL, REDIS_URL, RIPOSTE_SECRET_KEY)')
  .showHelpAfterError()
  .configureOutput({ outputError: (s, write) => write(`riposte: ${s}`) });

program
  .command('create-admin')
  .description('Create an administrator (refuses when one exists unless --force-another)')
  .requiredOption('--email <email>', 'sign-in email')
  .option('--name <name>', 'display name', 'Administrator')
  .option('--password-stdin', 'read the password from standard input')
  .option('--force-another', 'add an administrator even though one exists')
  .action(
    action(async (opts: { email: string; name: string; passwordStdin?: boolean; forceAnother?: boolean }) => {
      const password = opts.passwordStdin ? await readStdinPassword() : (process.env.RIPOSTE_ADMIN_PASSWORD ?? (await promptPassword()));
      const { createAdmin } = await import('./commands/users');
      const admin = await createAdmin({ email: opts.email, name: opts.name, password, forceAnother: Boolean(opts.forceAnother) });
      return `Created administrator ${admin.email} (${admin.userId})`;
    }),
  );

program
  .command('create-token')
  .description("Create an API token for a user and print it once (role defaults to the user's)")
  .requiredOption('--email <email>', 'the user the token belongs to')
  .requiredOption('--name <name>', 'what the token is for, e.g. "CI pipeline"')
  .option('--role <role>', 'viewer, editor or admin (no higher than the user)')
  .option('--expires-days <days>', '30, 90 or 365 (default: never)', integer)
  .action(
    action(async (opts: { email: string; name: string; role?: string; expiresDays?: number }) => {
      const { createToken } = await import('./commands/users');
      const t = await createToken(opts);
      process.stderr.write(`Token ${t.id} (${t.role}, ${t.expiresAt ? `expires ${t.expiresAt}` : 'never expires'}). It is shown only now:\n`);
      return t.token;
    }),
  );

program
  .command('export')
  .argument('<folder>', 'where to write one JSON file per flow')
  .description('Export every flow (draft and latest published version) for review in Git')
  .action(
    action(async (folder: string) => {
      const { exportFlows } = await import('./commands/flows-export');
      const r = await exportFlows(folder);
      return `Exported ${r.written.length} flow(s) to ${folder}${r.removed.length ? `; removed ${r.removed.length} stale file(s): ${r.removed.join(', ')}` : ''}`;
    }),
  );

program
  .command('import')
  .argument('<folder>', 'a folder written by `riposte export`')
  .description('Import flows: same id → a new draft version when the content differs; new id → a new flow')
  .action(
    action(async (folder: string) => {
      const { importFlows } = await import('./commands/flows-import');
      const r = await importFlows(cliPrincipal(), folder);
      return `Imported ${folder}: ${r.created.length} created, ${r.updated.length} updated (new draft version), ${r.unchanged.length} unchanged`;
    }),
  );

for (const [verb, what] of [
  ['publish', 'Publish the draft of the flow with this exact name'],
  ['enable', 'Switch on the flow with this exact name'],
  ['disable', 'Switch off the flow with this exact name'],
] as const) {
  program
    .command(verb)
    .argument('<name>', 'the flow name (exact)')
    .description(what)
    .action(
      action(async (name: string) => {
        const { publishByName, setEnabledByName } = await import('./commands/flows-lifecycle');
        return verb === 'publish' ? publishByName(cliPrincipal(), name) : setEnabledByName(cliPrincipal(), name, verb === 'enable');
      }),
    );
}

program
  .command('rotate-secret-key')
  .option('--batch-size <n>', 'rows re-encrypted per transaction', integer)
  .description('Re-encrypt every stored secret under RIPOSTE_SECRET_KEY (old keys in RIPOSTE_SECRET_KEY_PREVIOUS; docs/secrets.md)')
  .action(
    action(async (opts: { batchSize?: number }) => {
      const { db } = await import('@/server/db/client');
      const { rotateSecrets, formatRotationReport } = await import('@/server/crypto/rotate');
      const { audit } = await import('@/server/services/audit');
      if (opts.batchSize !== undefined && opts.batchSize < 1) throw new CliError('--batch-size must be at least 1');
      const report = await rotateSecrets(db(), opts.batchSize !== undefined ? { batchSize: opts.batchSize } : {});
      await audit(cliPrincipal(), 'secrets.rotate', { type: 'system' }, { keyId: report.keyId, previousKeyIds: report.previousKeyIds, ...report.totals, failedRows: report.failures.map((f) => `${f.table}.${f.column}:${f.id}`) });
      // Rows that no configured key opens are a failure the operator must see in the exit code.
      if (report.totals.failed > 0) throw new CliError(formatRotationReport(report));
      return formatRotationReport(report);
    }),
  );

program.parseAsync().catch((e: unknown) => {
  process.stderr.write(`riposte: ${e instanceof CliError ? e.message : describeError(e)}\n`);
  process.exit(1);
});
