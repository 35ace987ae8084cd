-- Connection kinds for notifications and the HTTP request step (issue 5)
-- IF NOT EXISTS keeps it safe on databases where an earlier draft of this migration already ran
ALTER TYPE "ConnectionKind" ADD VALUE IF NOT EXISTS 'webhook';
ALTER TYPE "ConnectionKind" ADD VALUE IF NOT EXISTS 'http';

-- Attachments of captured mail (demo Outbox, tests)
ALTER TABLE "CapturedEmail" ADD COLUMN IF NOT EXISTS "attachments" JSONB;
