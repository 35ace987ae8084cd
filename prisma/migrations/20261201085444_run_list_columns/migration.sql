-- Run list at a million runs (issue 6): the list summary's fields become columns with one
-- composite index per common filter (newest first, id as the tie-breaker, both descending so
-- a keyset page is one index range scan), and a trigram index serves the alert-title search.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "Run_createdAt_id_idx";

-- DropIndex
DROP INDEX "Run_flowId_createdAt_idx";

-- DropIndex
DROP INDEX "Run_status_createdAt_idx";

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "alertTitle" TEXT,
ADD COLUMN     "computerDnsName" TEXT,
ADD COLUMN     "machineId" TEXT,
ADD COLUMN     "severity" TEXT,
ADD COLUMN     "triggerAlertId" TEXT;

-- Backfill from the summary JSON (before the indexes exist, so the update does not maintain them)
UPDATE "Run" SET
  "triggerAlertId" = COALESCE("summary"->>'alertId', "alertId"),
  "alertTitle" = "summary"->>'title',
  "severity" = "summary"->>'severity',
  "machineId" = "summary"->>'machineId',
  "computerDnsName" = lower("summary"->>'computerDnsName')
WHERE "summary" IS NOT NULL OR "alertId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Run_createdAt_id_idx" ON "Run"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_flowId_createdAt_id_idx" ON "Run"("flowId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_status_createdAt_id_idx" ON "Run"("status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_severity_createdAt_id_idx" ON "Run"("severity", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_machineId_createdAt_id_idx" ON "Run"("machineId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_computerDnsName_createdAt_id_idx" ON "Run"("computerDnsName", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_triggerAlertId_createdAt_id_idx" ON "Run"("triggerAlertId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_triggerKind_createdAt_id_idx" ON "Run"("triggerKind", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_alertTitle_idx" ON "Run" USING GIN ("alertTitle" gin_trgm_ops);
