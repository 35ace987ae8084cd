-- Resubmit and retry-from-failure lineage on runs.
ALTER TABLE "Run" ADD COLUMN "resubmittedFromId" UUID;
