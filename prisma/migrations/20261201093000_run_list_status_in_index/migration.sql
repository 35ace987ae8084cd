-- The run list's status counts read the newest runs in list order: with the status in the index
-- they are index-only scans (no heap fetch per run), for all runs and for one flow's runs.
DROP INDEX "Run_createdAt_id_idx";
DROP INDEX "Run_flowId_createdAt_id_idx";
CREATE INDEX "Run_createdAt_id_status_idx" ON "Run"("createdAt" DESC, "id" DESC, "status");
CREATE INDEX "Run_flowId_createdAt_id_status_idx" ON "Run"("flowId", "createdAt" DESC, "id" DESC, "status");
