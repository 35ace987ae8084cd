#!/usr/bin/env bash
# `npm test`: every test. Installs what it needs, then: typecheck, unit, integration (real
# Postgres, Redis, simulator, SMTP), the production build, and browser tests in Chromium.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"
export CI="${CI:-}"

if [ ! -x /usr/bin/chromium ]; then
  echo "› installing Debian's Chromium for browser tests"
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || { echo "Chromium could not be installed"; exit 1; }
fi

start=$(date +%s)
echo "› typecheck"; npx tsc --noEmit -p .
# Built before the tests: tests/integration/start-sequence.test.ts serves this build.
echo "› build"; npx next build >/dev/null
echo "› unit and integration tests"; npx vitest run
echo "› browser tests"
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/riposte_e2e"
npx tsx scripts/ensure-db.ts && npx prisma migrate deploy >/dev/null
npx playwright test
echo "› all tests passed in $(( $(date +%s) - start )) s"
