#!/usr/bin/env bash
# `npm start`: install, migrate, build if the sources changed, then run web + worker (+ demo).
set -euo pipefail
. "$(dirname "$0")/prepare.sh"

if [ ! -f .next/BUILD_ID ] || [ ! -f .next/standalone/server.js ] || [ -n "$(find app components core server next.config.js package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "› building the web app"
  npx next build
fi
exec npx tsx scripts/run-stack.ts
