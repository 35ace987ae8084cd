-- "Alert updated" trigger: its own watermark, and a per-flow dedup key for its runs.
ALTER TABLE "AlertCursor" ADD COLUMN "updatedWatermark" TIMESTAMP(3);
ALTER TABLE "Run" ADD COLUMN "triggerKey" TEXT;
CREATE UNIQUE INDEX "Run_flowId_triggerKey_key" ON "Run"("flowId", "triggerKey");
