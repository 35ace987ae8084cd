#!/usr/bin/env bash
# `npm run test:faults`: the fault-injection suite at full size (docs/reliability.md). `npm test`
# runs the same files in their short form.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"
export RIPOSTE_FAULTS_FULL=1
exec npx vitest run --project faults "$@"
