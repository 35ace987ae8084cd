-- API tokens may expire (never, 30, 90 or 365 days). Existing tokens keep never expiring.
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" TIMESTAMP(3);
