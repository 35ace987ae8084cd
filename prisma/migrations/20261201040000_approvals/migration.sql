-- Approvals: a run waits for a decision without holding a worker.
ALTER TYPE "StepStatus" ADD VALUE 'waiting' BEFORE 'succeeded';

CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'approved', 'rejected', 'timed_out', 'cancelled');

CREATE TABLE "Approval" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "nodeId" TEXT NOT NULL,
    "iteration" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "approvers" TEXT[],
    "status" "ApprovalStatus" NOT NULL DEFAULT 'pending',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "timeoutOutcome" TEXT NOT NULL,
    "notifiedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedById" UUID,
    "decidedBy" TEXT,
    "comment" TEXT,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Approval_runId_nodeId_iteration_key" ON "Approval"("runId", "nodeId", "iteration");
CREATE INDEX "Approval_status_expiresAt_idx" ON "Approval"("status", "expiresAt");

ALTER TABLE "Approval" ADD CONSTRAINT "Approval_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
