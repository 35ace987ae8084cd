-- Audit entries record from where: client address and user agent
ALTER TABLE "AuditEvent" ADD COLUMN "ip" TEXT, ADD COLUMN "userAgent" TEXT;
