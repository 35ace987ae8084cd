// The lifecycle most integration files share: before each test a fresh harness (clean database,
// simulator, SMTP capture, empty queues), optionally with the seed flow switched off; after it,
// the test's worker, mail transports and the harness closed; after the file, run signals, queues
// and the database connection. Tests read the harness as `life.h`.
import { afterAll, afterEach, beforeEach } from 'vitest';
import { db } from '@/server/db/client';
import { setFlowEnabled } from '@/server/services/flows';
import { closeMailTransports } from '@/server/mail/mailer';
import { closeRunSignals } from '@/server/queue/run-signals';
import { startWorker, type WorkerHandle, type WorkerOptions } from '@/worker/start-worker';
import { flushQueues, startHarness, type Harness, type HarnessOptions } from './harness';

export interface Lifecycle {
  readonly h: Harness;
  /** An in-process worker for this test (closed after it); fast polling and maintenance by default. */
  startWorker(opts?: WorkerOptions): Promise<WorkerHandle>;
}

export interface LifecycleOptions extends HarnessOptions {
  /** false: the seed flow is switched off, so only the test's own flows start runs. */
  seedFlowOn?: boolean;
  /** Start a worker before each test too. */
  worker?: boolean;
}

export function useHarness(opts: LifecycleOptions = {}, setup?: (h: Harness) => Promise<void>): Lifecycle {
  let harness: Harness | null = null;
  let worker: WorkerHandle | null = null;
  const { seedFlowOn = true, worker: startsWorker = false, ...harnessOptions } = opts;
  const start = async (workerOpts: WorkerOptions = {}) => {
    worker = await startWorker({ pollIntervalSeconds: 1, maintenanceEveryMs: 500, log: () => undefined, ...workerOpts });
    return worker;
  };

  beforeEach(async () => {
    await flushQueues();
    harness = await startHarness(harnessOptions);
    if (!seedFlowOn) await setFlowEnabled(null, harness.flowId, false);
    await setup?.(harness);
    if (startsWorker) await start();
  });

  afterEach(async () => {
    await worker?.close();
    worker = null;
    closeMailTransports();
    await harness?.close();
  });

  afterAll(async () => {
    await closeRunSignals();
    await flushQueues();
    await db().$disconnect();
  });

  return {
    get h() {
      if (harness === null) throw new Error('The harness starts before each test');
      return harness;
    },
    startWorker: start,
  };
}
