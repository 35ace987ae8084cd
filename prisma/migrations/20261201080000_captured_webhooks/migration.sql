-- Demo mode webhook capture (Teams, Slack, generic posts) for the Outbox page
CREATE TABLE "CapturedWebhook" (
    "id" UUID NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "service" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "contentType" TEXT,
    "body" TEXT NOT NULL,

    CONSTRAINT "CapturedWebhook_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CapturedWebhook_receivedAt_idx" ON "CapturedWebhook"("receivedAt");
