// Integration tests run against a dedicated database (riposte_test), created and migrated once.
import { execSync } from 'node:child_process';

export default function setup(): void {
  const url = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte_test';
  const envVars = { ...process.env, DATABASE_URL: url };
  execSync('npx tsx scripts/ensure-db.ts', { env: envVars, stdio: 'inherit' });
  execSync('npx prisma migrate deploy', { env: envVars, stdio: 'ignore' });
}
