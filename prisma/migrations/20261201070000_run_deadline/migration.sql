-- Run timeouts: the deadline is fixed at the first start, and the reaper ends runs past it.
ALTER TABLE "Run" ADD COLUMN "deadlineAt" TIMESTAMP(3);
