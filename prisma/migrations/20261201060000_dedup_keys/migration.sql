-- Deduplicate steps: keys seen per flow until they expire.
CREATE TABLE "DedupKey" (
    "flowId" UUID NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyText" TEXT NOT NULL,
    "runId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DedupKey_pkey" PRIMARY KEY ("flowId","keyHash")
);

CREATE INDEX "DedupKey_expiresAt_idx" ON "DedupKey"("expiresAt");
