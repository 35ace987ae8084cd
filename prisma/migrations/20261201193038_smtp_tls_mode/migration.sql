-- SMTP connections: the `secure` switch becomes `tlsMode` ('tls' | 'starttls' | 'none').
-- secure=true becomes 'tls'. secure=false meant "STARTTLS if offered": it becomes 'starttls',
-- now REQUIRED (a stripped offer no longer sends the password in clear), except for loopback
-- hosts, where the old code never tried TLS: 'none'. Idempotent: rows with a tlsMode stay.
-- (No semicolons in these comments: Prisma splits the script on them.)
UPDATE "Connection"
SET "config" = ("config"::jsonb - 'secure') || jsonb_build_object(
  'tlsMode',
  CASE
    WHEN ("config"::jsonb ->> 'secure') = 'true' THEN 'tls'
    WHEN lower("config"::jsonb ->> 'host') IN ('127.0.0.1', 'localhost', '::1', '[::1]') THEN 'none'
    ELSE 'starttls'
  END
)
WHERE "kind" = 'smtp' AND NOT ("config"::jsonb ? 'tlsMode');
