-- Flow owner (the creator), and the once-per-run claim of failure notifications.
ALTER TABLE "Flow" ADD COLUMN "ownerId" UUID;
ALTER TABLE "Flow" ADD CONSTRAINT "Flow_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing flows: the owner is whoever the audit log says created them (if that user still exists).
UPDATE "Flow" f SET "ownerId" = a."actorId"
FROM "AuditEvent" a
WHERE a."action" = 'flow.create' AND a."targetId" = f."id"::text AND a."actorId" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = a."actorId");

ALTER TABLE "Run" ADD COLUMN "failureNotifiedAt" TIMESTAMP(3);
-- Runs that failed before notifications existed are not notified now.
UPDATE "Run" SET "failureNotifiedAt" = COALESCE("finishedAt", "createdAt") WHERE "status" IN ('failed', 'timed_out');
CREATE INDEX "Run_status_failureNotifiedAt_idx" ON "Run"("status", "failureNotifiedAt");
