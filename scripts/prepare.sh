# Sourced by start.sh and test.sh: installs what is missing, makes local secrets, TLS for the
# simulator, checks Postgres and Redis, creates and migrates the database. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
[ -f server/db/generated/client.ts ] || npx prisma generate >/dev/null

# Local secrets, generated once (design.md §8). Never committed (.gitignore).
touch .env.local
if ! grep -q '^RIPOSTE_SECRET_KEY=' .env.local; then
  echo "RIPOSTE_SECRET_KEY=$(openssl rand -base64 32)" >> .env.local
fi
set -a; . ./.env.local; set +a

bash scripts/ensure-tls.sh >/dev/null
# Node reads extra CAs only at start: trust the demo simulator's certificate in every process
# we start, keeping whatever bundle the machine already named.
bundle="$ROOT/.riposte/tls/ca-bundle.pem"
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ] && [ "$NODE_EXTRA_CA_CERTS" != "$bundle" ]; then
  cat "$NODE_EXTRA_CA_CERTS" "$ROOT/.riposte/tls/cert.pem" > "$bundle"
else
  cp "$ROOT/.riposte/tls/cert.pem" "$bundle"
fi
export NODE_EXTRA_CA_CERTS="$bundle"

# Postgres and Redis (design.md §9): start them if they are installed but stopped.
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "› starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "› starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi

export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/riposte}"
npx tsx scripts/ensure-db.ts
npx prisma migrate deploy >/dev/null
