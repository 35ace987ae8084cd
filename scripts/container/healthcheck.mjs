// Container health checks (docker-compose.yml `healthcheck:`), plain JavaScript so a check every
// 30 s costs a bare `node` start, not a TypeScript loader.
//   node scripts/container/healthcheck.mjs web     → GET /api/health on this container answers 200
//   node scripts/container/healthcheck.mjs worker  → a worker on this host beat in the last minute
//                                                    (worker/heartbeat.ts; catches a hung process)
// Exit 0 healthy, 1 not.
import { hostname } from 'node:os';
import pg from 'pg';

const role = process.argv[2];

async function web() {
  const res = await fetch(`http://127.0.0.1:${process.env.PORT || 3000}/api/health`, { signal: AbortSignal.timeout(4000) });
  return res.ok;
}

async function worker() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 4000 });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `SELECT 1 FROM "WorkerHeartbeat" WHERE "host" = $1 AND "lastBeatAt" > now() - interval '1 minute'`,
      [hostname().slice(0, 200)],
    );
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

const checks = { web, worker };
if (!(role in checks)) {
  console.error('usage: healthcheck.mjs web|worker');
  process.exit(2);
}
checks[role]().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(`unhealthy: ${err.message}`);
    process.exit(1);
  },
);
