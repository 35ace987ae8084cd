-- Audit log: entries cannot be changed or removed, and the audit page filters and pages quickly.

-- Keyset pages are ordered by (at DESC, id DESC): one index serves the order and the tie-break.
DROP INDEX "AuditEvent_at_idx";
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at" DESC, "id" DESC);
-- Filters by action (or a category, which is a list of actions) and by target.
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at" DESC);
CREATE INDEX "AuditEvent_targetType_targetId_at_idx" ON "AuditEvent"("targetType", "targetId", "at" DESC);
-- "Actor email contains": pg_trgm (created by the run list migration) serves ILIKE '%text%'.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "AuditEvent_actorEmail_idx" ON "AuditEvent" USING GIN ("actorEmail" gin_trgm_ops);

-- Append-only: any UPDATE or DELETE statement on "AuditEvent" raises. TRUNCATE (used only to
-- reset test and e2e databases) fires no UPDATE or DELETE trigger and keeps working.
-- The function body is an E'' string with the statement separator written as an escape,
-- because the migration runner splits scripts at every semicolon character.
CREATE FUNCTION "audit_event_immutable"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''Audit entries are immutable: % on "AuditEvent" is not allowed'', TG_OP USING ERRCODE = ''insufficient_privilege''\x3b END';
CREATE TRIGGER "AuditEvent_immutable" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_immutable"();
