-- Schedule trigger (one run per flow and tick) and manual runs (who started them, and hidden
-- draft snapshots for test runs).

-- AlterTable
ALTER TABLE "FlowVersion" ADD COLUMN "isTest" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "scheduledFor" TIMESTAMP(3),
ADD COLUMN "startedById" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Run_flowId_scheduledFor_key" ON "Run"("flowId", "scheduledFor");
