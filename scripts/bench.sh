#!/usr/bin/env bash
# `npm run bench [-- name…]`: prepare like `npm start`, build if needed, then run bench/run.ts.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"
# The run-history and engine benchmarks start no web server and need no build.
needs_build=1
if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qvxE 'runs|engine'; then needs_build=0; fi
if [ "$needs_build" = 1 ] && { [ ! -f .next/BUILD_ID ] || [ -n "$(find app components core server next.config.js package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; }; then
  npx next build >/dev/null
fi
exec npx tsx bench/run.ts "$@"
