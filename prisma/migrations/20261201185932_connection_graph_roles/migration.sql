-- "Test connection" also reads the roles of the connection's Microsoft Graph token (Graph hunting
-- needs ThreatHunting.Read.All there, not on the MDE token).
ALTER TABLE "Connection" ADD COLUMN IF NOT EXISTS "grantedGraphRoles" TEXT[] DEFAULT ARRAY[]::TEXT[];
