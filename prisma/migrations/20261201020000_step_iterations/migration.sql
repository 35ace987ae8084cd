-- Steps inside a for-each record one row per item: the iteration key joins the unique key.
-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN "iteration" TEXT NOT NULL DEFAULT '';

-- DropIndex
DROP INDEX "StepRun_runId_nodeId_key";

-- CreateIndex
CREATE UNIQUE INDEX "StepRun_runId_nodeId_iteration_key" ON "StepRun"("runId", "nodeId", "iteration");
