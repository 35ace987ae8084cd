// Seeds the run-history benchmark database: flows with a version each, then runs and steps made
// by INSERT … SELECT over generate_series inside Postgres (no row crosses the wire). Secondary
// indexes are dropped first and rebuilt afterwards from their own definitions, which is several
// times faster than maintaining them row by row; VACUUM ANALYZE then sets the visibility map
// (index-only scans) and the planner's statistics, as autovacuum would on a live system.
import type pg from 'pg';

export interface SeedSize {
  runs: number;
  stepsPerRun: number;
  flows: number;
  machines: number;
  days: number;
}

// MDE-style alert titles; a few families are common, one is rare (title search both ways).
const TITLES = [
  'Suspicious PowerShell command line',
  'Suspicious process injection observed',
  'Mimikatz credential theft tool',
  'Ransomware behavior detected in the file system',
  'Suspicious scheduled task creation',
  'Anomalous account lookups',
  'Suspicious Windows Management Instrumentation activity',
  'Possible lateral movement using PsExec',
  'Malicious URL was clicked on that device',
  'Suspicious LSASS memory access',
  'Unexpected behavior observed by a process run with no command line arguments',
  'Suspicious file dropped by Office application',
  'Possible exploitation of CVE-2021-40444',
  'An active Emotet malware was detected',
  'Suspicious sequence of exploration activities',
  'Hands-on-keyboard attack involving multiple devices',
];
const RARE_TITLE = 'Cobaltstrike beacon quarantined by Defender';

const log = (msg: string, t0: number) => console.log(`  ${msg} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

export async function seedRunHistory(client: pg.Client, size: SeedSize): Promise<void> {
  const t0 = performance.now();
  await client.query('SET maintenance_work_mem = \'512MB\'');
  await client.query('SET synchronous_commit = off');
  // The rows are consistent by construction: skip the per-row foreign-key triggers while seeding.
  await client.query('SET session_replication_role = replica');
  await client.query('TRUNCATE "Run", "StepRun", "Approval", "FlowVersion", "Flow" CASCADE');

  await client.query(
    `INSERT INTO "Flow" ("id", "name", "graph", "enabled", "triggerType", "publishedVersion", "updatedAt")
     SELECT gen_random_uuid(), 'Bench flow ' || lpad(g::text, 3, '0'), '{}'::jsonb, true, 'defender.alertCreated', 1, now()
     FROM generate_series(1, $1) g`,
    [size.flows],
  );
  await client.query(
    `INSERT INTO "FlowVersion" ("id", "flowId", "version", "graph")
     SELECT gen_random_uuid(), "id", 1, jsonb_build_object('nodes', jsonb_build_array(
       jsonb_build_object('id', 'trigger', 'type', 'defender.alertCreated', 'position', jsonb_build_object('x', 0, 'y', 0), 'params', '{}'::jsonb),
       jsonb_build_object('id', 'n1', 'type', 'defender.getAlert', 'position', jsonb_build_object('x', 0, 'y', 120), 'params', '{}'::jsonb),
       jsonb_build_object('id', 'n2', 'type', 'control.condition', 'position', jsonb_build_object('x', 0, 'y', 240), 'params', '{}'::jsonb),
       jsonb_build_object('id', 'n3', 'type', 'defender.isolateMachine', 'position', jsonb_build_object('x', 0, 'y', 360), 'params', '{}'::jsonb),
       jsonb_build_object('id', 'n4', 'type', 'email.send', 'position', jsonb_build_object('x', 0, 'y', 480), 'params', '{}'::jsonb)),
       'edges', '[]'::jsonb)
     FROM "Flow"`,
  );
  await client.query('UPDATE "Flow" f SET "publishedVersionId" = v."id" FROM "FlowVersion" v WHERE v."flowId" = f."id"');
  log(`${size.flows} flows`, t0);

  // Drop the secondary indexes (keep primary keys); rebuilt below from the same definitions.
  const defs = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('Run', 'StepRun') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const d of defs.rows) await client.query(`DROP INDEX "${d.indexname}"`);

  // Run g (1 = newest) is created (days × g / runs) days ago. Status, trigger kind, severity and
  // machine follow fixed distributions from hashes of g, so every seeding is the same.
  await client.query(
    `WITH flows AS (SELECT array_agg(f."id" ORDER BY f."name") AS ids, array_agg(f."publishedVersionId" ORDER BY f."name") AS versions FROM "Flow" f),
     titles AS (SELECT $5::text[] AS t)
     INSERT INTO "Run" ("id", "flowId", "flowVersionId", "status", "triggerKind", "triggerData", "alertId", "summary",
       "triggerAlertId", "alertTitle", "severity", "machineId", "computerDnsName", "error", "attempts", "createdAt", "startedAt", "finishedAt")
     SELECT gen_random_uuid(), flows.ids[1 + (h % $2)], flows.versions[1 + (h % $2)], status::"RunStatus", kind,
       CASE WHEN kind = 'schedule' THEN jsonb_build_object('scheduledFor', created, 'timezone', 'UTC')
       ELSE jsonb_build_object('id', alert_id, 'title', title, 'severity', severity, 'machineId', machine_id, 'computerDnsName', dns,
         'status', 'New', 'category', 'Execution', 'detectionSource', 'WindowsDefenderAtp', 'alertCreationTime', created,
         'description', 'A process ran a suspicious command line on ' || dns || '. Investigate the process tree and the user session.',
         'mitreTechniques', jsonb_build_array('T1059.001', 'T1105'),
         'evidence', jsonb_build_array(jsonb_build_object('entityType', 'Process', 'fileName', 'powershell.exe', 'sha1', md5(alert_id) || 'abcd1234'),
           jsonb_build_object('entityType', 'User', 'accountName', 'user' || (h % 997), 'domainName', 'CONTOSO'))) END,
       CASE WHEN kind = 'alert' THEN alert_id END,
       CASE WHEN kind = 'schedule' THEN NULL ELSE jsonb_build_object('alertId', alert_id, 'title', title, 'severity', severity, 'machineId', machine_id, 'computerDnsName', dns) END,
       CASE WHEN kind = 'schedule' THEN NULL ELSE alert_id END,
       CASE WHEN kind = 'schedule' THEN NULL ELSE title END,
       CASE WHEN kind = 'schedule' THEN NULL ELSE severity END,
       CASE WHEN kind = 'schedule' THEN NULL ELSE machine_id END,
       CASE WHEN kind = 'schedule' THEN NULL ELSE dns END,
       CASE WHEN status = 'failed' THEN '{"code":"Forbidden","message":"The application lacks Machine.Isolate"}'::jsonb END,
       1, created, created + interval '1 second', CASE WHEN status IN ('queued', 'running', 'waiting') THEN NULL ELSE created + ((2 + h % 40) || ' seconds')::interval END
     FROM flows, titles, generate_series(1, $1) g,
     LATERAL (SELECT hashint4(g)::bigint & 2147483647 AS h) hh,
     LATERAL (SELECT
       now() - make_interval(secs => $3::float8 * 86400 * g / $1::float8) AS created,
       CASE WHEN h % 1000 < 900 THEN 'succeeded' WHEN h % 1000 < 960 THEN 'failed' WHEN h % 1000 < 975 THEN 'timed_out'
            WHEN h % 1000 < 990 THEN 'cancelled' WHEN h % 1000 < 995 THEN 'waiting' WHEN h % 1000 < 998 THEN 'running' ELSE 'queued' END AS status,
       CASE WHEN (h / 7) % 100 < 85 THEN 'alert' WHEN (h / 7) % 100 < 90 THEN 'alertUpdated' WHEN (h / 7) % 100 < 95 THEN 'manual' ELSE 'schedule' END AS kind,
       CASE WHEN (h / 11) % 100 < 15 THEN 'High' WHEN (h / 11) % 100 < 50 THEN 'Medium' WHEN (h / 11) % 100 < 85 THEN 'Low' ELSE 'Informational' END AS severity,
       'da' || lpad(g::text, 12, '0') || '_' || (h % 100000) AS alert_id,
       CASE WHEN g % 20000 = 7 THEN $6 ELSE titles.t[1 + (h / 13) % array_length(titles.t, 1)] END AS title,
       substr(md5('machine' || ((h / 17) % $4)), 1, 32) || lpad(((h / 17) % $4)::text, 8, '0') AS machine_id,
       'ws-' || lpad(((h / 17) % $4)::text, 5, '0') || '.contoso.com' AS dns) v`,
    [size.runs, size.flows, size.days, size.machines, TITLES, RARE_TITLE],
  );
  log(`${size.runs.toLocaleString('en-US')} runs`, t0);

  // Steps: the first `stepsPerRun` nodes of each run, inputs and outputs of a realistic size.
  await client.query(
    `INSERT INTO "StepRun" ("id", "runId", "nodeId", "type", "status", "input", "output", "attempt", "seq", "startedAt", "finishedAt")
     SELECT gen_random_uuid(), r."id", 'n' || k, (ARRAY['defender.getAlert', 'control.condition', 'defender.isolateMachine', 'email.send', 'defender.addMachineTag'])[1 + (k - 1) % 5],
       CASE WHEN r."status" = 'failed' AND k = $1 THEN 'failed' ELSE 'succeeded' END::"StepStatus",
       jsonb_build_object('machineId', r."machineId", 'comment', 'Isolated by Riposte for alert ' || r."triggerAlertId"),
       jsonb_build_object('id', md5(r."id"::text || k), 'type', 'Isolate', 'status', 'Succeeded', 'machineId', r."machineId", 'requestor', 'riposte'),
       1, k, r."createdAt" + (k || ' seconds')::interval, r."createdAt" + (k || ' seconds')::interval + interval '400 milliseconds'
     FROM "Run" r, generate_series(1, $1) k`,
    [size.stepsPerRun],
  );
  log(`${(size.runs * size.stepsPerRun).toLocaleString('en-US')} steps`, t0);

  await client.query('SET session_replication_role = DEFAULT');
  for (const d of defs.rows) {
    await client.query(d.indexdef);
    log(`index ${d.indexname}`, t0);
  }
  await client.query('VACUUM ANALYZE "Run"');
  await client.query('VACUUM ANALYZE "StepRun"');
  await client.query('VACUUM ANALYZE "Flow"');
  log('vacuum analyze', t0);
}
