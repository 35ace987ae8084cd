#!/bin/sh
# Container role "worker": runs, polls, schedules and maintenance (worker/main.ts). Start as many
# as you like, on any machine (docs/deploy.md); SIGTERM lets running jobs finish.
set -eu
cd "$(dirname "$0")/../.."
exec node node_modules/tsx/dist/cli.mjs worker/main.ts
