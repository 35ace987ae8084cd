import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { SpreadSequencer } from './tests/integration/sequencer';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's order, with the integration files that must run alone spread apart.
    sequence: { sequencer: SpreadSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // Vitest's default on this 2-core machine would be one worker (cores − 1).
          maxWorkers: 2,
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
          // Two files at a time: each vitest worker has its own copy of the test database
          // (global-setup.ts) and each file its own queue prefix (setup-env.ts, run first by
          // setupFiles). Most of their time is spent waiting for workers and timers, not CPU.
          maxWorkers: 2,
          // After the unit tests, not mixed with them (some integration tests measure timing).
          sequence: { groupOrder: 1 },
          setupFiles: ['tests/integration/setup-env.ts'],
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
