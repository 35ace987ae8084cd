// Implementations of the entity steps (core/catalog/defender-create-alert.ts, -alert-entities,
// -files, -network-stats, -remediation, and list investigations), keyed by node type and spread
// into worker/actions.ts. Params arrive resolved and validated by the executor.
import type { CreatedAlertSeverity } from '@/server/defender/mde-entity-reads';
import { mdeClientFor } from './mde-clients';

interface EntityStepContext {
  runId: string;
  /** Started before (retry or crash recovery): side effects reconcile first. */
  resumed: boolean;
}
type EntityActionImpl = (params: Record<string, unknown>, ctx: EntityStepContext) => Promise<unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));
const optionalNumber = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));
const client = (p: Record<string, unknown>) => mdeClientFor(str(p.connectionId));
const asList = <T>(value: T[]) => ({ value, count: value.length });
const column = (rows: Record<string, unknown>[], key: string) => rows.map((r) => r[key]).filter((v): v is string => typeof v === 'string' && v !== '');

// How far back a resumed "create alert" looks for the alert it may have created. Resumes and
// retries follow within minutes; a week also covers a run that waited on an approval before.
const CREATED_ALERT_LOOKBACK_MS = 7 * 86_400_000;

/** `runMarker` is worker/actions.ts's: the same `[Riposte run <id>]` machine actions carry. */
export function defenderEntityActions(runMarker: (runId: string) => string): Record<string, EntityActionImpl> {
  return {
    // Idempotency: MDE has no idempotency key. Two things keep a retried or resumed run from
    // raising a second alert: (1) the run marker in the description lets a resumed step find the
    // alert it created but never recorded (category + creation time filter, then machine and
    // marker matched in the client), as machine actions do with their comment; (2) Defender
    // itself merges a create into an open alert with the same title on the same device. `merged`
    // tells the flow the answer is another alert (not carrying this run's marker).
    'defender.createAlert': async (p, ctx) => {
      const mde = await client(p);
      const marker = runMarker(ctx.runId);
      const machineId = str(p.machineId);
      const category = str(p.category);
      if (ctx.resumed) {
        const earlier = await mde.findAlertByMarker({ machineId, category, marker, since: new Date(Date.now() - CREATED_ALERT_LOOKBACK_MS) });
        if (earlier) return { ...earlier, merged: false };
      }
      const alert = await mde.createAlertByReference({
        machineId,
        reportId: str(p.reportId),
        eventTime: str(p.eventTime),
        severity: str(p.severity) as CreatedAlertSeverity,
        category,
        title: str(p.title),
        description: `${str(p.description)}\n\n${marker}`,
        recommendedAction: str(p.recommendedAction),
      });
      return { ...alert, merged: !(alert.description ?? '').includes(marker) };
    },

    'defender.getAlertMachine': async (p) => (await client(p)).getAlertMachine(str(p.alertId)),
    'defender.getAlertUser': async (p) => (await client(p)).getAlertUser(str(p.alertId)),
    'defender.listAlertFiles': async (p) => {
      const files = await (await client(p)).listAlertFiles(str(p.alertId));
      return { ...asList(files), sha1s: column(files, 'sha1'), sha256s: column(files, 'sha256') };
    },
    'defender.listAlertIps': async (p) => {
      const ips = await (await client(p)).listAlertIps(str(p.alertId));
      return { ...asList(ips), addresses: column(ips, 'id') };
    },
    'defender.listAlertDomains': async (p) => {
      const domains = await (await client(p)).listAlertDomains(str(p.alertId));
      return { ...asList(domains), hosts: column(domains, 'host') };
    },

    'defender.getFile': async (p) => (await client(p)).getFile(str(p.fileId)),
    'defender.getFileStats': async (p) => (await client(p)).getFileStats(str(p.fileId), optionalNumber(p.lookBackHours)),
    'defender.listFileAlerts': async (p) => asList(await (await client(p)).listFileAlerts(str(p.fileId))),
    'defender.listFileMachines': async (p) => asList(await (await client(p)).listFileMachines(str(p.fileId))),

    'defender.getIpStats': async (p) => (await client(p)).getIpStats(str(p.ip), optionalNumber(p.lookBackHours)),
    'defender.getDomainStats': async (p) => (await client(p)).getDomainStats(str(p.domain), optionalNumber(p.lookBackHours)),

    'defender.listRemediationTasks': async (p) =>
      asList(await (await client(p)).listRemediationTasks({ filter: p.filter as string | undefined, top: Number(p.top ?? 100) })),
    'defender.getRemediationTask': async (p) => (await client(p)).getRemediationTask(str(p.activityId)),
    'defender.listRemediationTaskMachines': async (p) => asList(await (await client(p)).listRemediationTaskMachines(str(p.activityId))),

    'defender.listInvestigations': async (p) =>
      asList(await (await client(p)).listInvestigations({ filter: p.filter as string | undefined, top: Number(p.top ?? 100) })),
  };
}
