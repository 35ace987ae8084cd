import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'simulator/**/*.test.ts', 'worker/**/*.test.ts', 'components/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', '**/*.integration.test.ts'],
          exclude: ['node_modules/**'],
          // Integration files share one Postgres database and Redis: run them one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ['tests/integration/global-setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          // Fault injection (kills, restarts, failing Defender, fuzzing). `npm test` runs the short
          // form; `npm run test:faults` sets RIPOSTE_FAULTS_FULL=1 for the full sizes (docs/reliability.md).
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          exclude: ['node_modules/**'],
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/integration/global-setup.ts'],
        },
      },
    ],
  },
});
