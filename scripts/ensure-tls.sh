#!/usr/bin/env bash
# Creates the self-signed localhost certificate the Defender simulator serves, once.
# Idempotent on purpose: start/test scripts call it before every node process, and Node
# only reads NODE_EXTRA_CA_CERTS at process start, so the file must exist before launch.
# Prints the absolute certificate path (callers export it as NODE_EXTRA_CA_CERTS).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.riposte/tls"
cert="$dir/cert.pem"
key="$dir/key.pem"

if [[ ! -s "$cert" || ! -s "$key" ]]; then
  mkdir -p "$dir"
  # Both files are regenerated together so a lone cert never mismatches its key.
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 \
    -keyout "$key.tmp" -out "$cert.tmp" -days 825 \
    -subj '/CN=localhost' \
    -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' >/dev/null 2>&1
  chmod 600 "$key.tmp"
  mv "$key.tmp" "$key"
  mv "$cert.tmp" "$cert"
fi

echo "$cert"
