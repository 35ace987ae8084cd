-- Single sign-on with Microsoft Entra ID: user identity columns and the settings row.
ALTER TABLE "User" ADD COLUMN "authSource" TEXT NOT NULL DEFAULT 'local';
ALTER TABLE "User" ADD COLUMN "ssoSubject" TEXT;
CREATE UNIQUE INDEX "User_ssoSubject_key" ON "User"("ssoSubject");

CREATE TABLE "SsoSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "cloud" TEXT NOT NULL DEFAULT 'global',
    "authorityHost" TEXT NOT NULL DEFAULT 'https://login.microsoftonline.com',
    "tenantId" TEXT NOT NULL DEFAULT '',
    "clientId" TEXT NOT NULL DEFAULT '',
    "secretSealed" TEXT,
    "rules" JSONB NOT NULL DEFAULT '[]',
    "defaultRole" "Role",
    "autoCreate" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "SsoSettings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "SsoSettings_single_row" CHECK ("id" = 1)
);
