-- Resubmit and retry-from-failure lineage on runs.
ALTER TABLE "Run" ADD COLUMN "resubmittedFromId" UUID;
ALTER TABLE "Run" ADD COLUMN "requestedById" UUID;
