#!/bin/sh
# Container role "web": the Next.js standalone server (next.config.js output: 'standalone').
# Listens on PORT (default 3000) on all interfaces; run scripts/container/migrate.sh first.
set -eu
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# The image puts the standalone server in /app/web (Dockerfile); in a checkout it is where
# `next build` writes it.
WEB_DIR="${RIPOSTE_WEB_DIR:-$ROOT/.next/standalone}"
if [ ! -f "$WEB_DIR/server.js" ]; then
  echo "web: no standalone server at $WEB_DIR/server.js (run: npx next build)" >&2
  exit 1
fi
if [ -z "${RIPOSTE_WEB_DIR:-}" ]; then
  # next build leaves the browser assets outside the standalone folder: the Dockerfile copies
  # them in, a checkout links them (a link, not a copy, so replicas starting at once never race).
  [ -L "$WEB_DIR/.next/static" ] || rm -rf "$WEB_DIR/.next/static"
  ln -sfn "$ROOT/.next/static" "$WEB_DIR/.next/static"
fi
# Docker sets HOSTNAME to the container id, which server.js would bind to: listen everywhere.
export HOSTNAME="${RIPOSTE_LISTEN_HOST:-0.0.0.0}"
exec node "$WEB_DIR/server.js"
