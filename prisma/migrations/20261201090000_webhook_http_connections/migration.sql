-- Connection kinds for notifications and the HTTP request step (issue 5)
ALTER TYPE "ConnectionKind" ADD VALUE 'webhook';
ALTER TYPE "ConnectionKind" ADD VALUE 'http';

-- Attachments of captured mail (demo Outbox, tests)
ALTER TABLE "CapturedEmail" ADD COLUMN "attachments" JSONB;
