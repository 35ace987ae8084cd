-- Connection kinds for notifications and the HTTP request step (issue 5)
ALTER TYPE "ConnectionKind" ADD VALUE 'webhook';
ALTER TYPE "ConnectionKind" ADD VALUE 'http';
