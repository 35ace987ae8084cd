-- The last "Test connection" result, kept so the Connections page and the publish checker can use it
ALTER TABLE "Connection" ADD COLUMN "lastTestedAt" TIMESTAMP(3),
ADD COLUMN "lastTestOk" BOOLEAN,
ADD COLUMN "lastTestError" TEXT,
ADD COLUMN "grantedRoles" TEXT[] DEFAULT ARRAY[]::TEXT[];
