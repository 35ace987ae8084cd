#!/bin/sh
# Container role "migrate": apply pending migrations (one replica at a time), then create the
# first admin from RIPOSTE_ADMIN_EMAIL/RIPOSTE_ADMIN_PASSWORD if no user exists. Idempotent: run it
# before every start (compose's migrate service, a Kubernetes Job or init container).
set -eu
cd "$(dirname "$0")/../.."
exec node node_modules/tsx/dist/cli.mjs scripts/container/migrate.ts
