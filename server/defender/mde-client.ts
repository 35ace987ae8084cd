// The Microsoft Defender for Endpoint API client used by the poller and the flow
// actions. Every response is zod-parsed; every failure is an MdeApiError carrying a
// retry decision (see mde-request.ts for the retry policy).
import { z } from 'zod';
import { graphEndpointOf, mdeEndpointOf, type DefenderConnection } from './connection';
import { MdeApiError } from './errors';
import { ZMachineAction, ZMdeAlert, ZMdeMachine, zODataCollection, type MachineAction, type MdeAlert, type MdeMachine } from './entities';
import { HUNTING_TIMEOUT_MS, runHuntingQuery, type HuntingOptions, type HuntingResult } from './hunting';
import { createMdeRequest } from './mde-request';
import { createMachineClient, type MdeMachineClient } from './mde-machine-client';
import { collectPages, invalidInput, odataString, query } from './mde-paging';
import { createEntityReads, type MdeEntityReads } from './mde-entity-reads';
import { usableAlerts, type AlertListOptions } from './alert-records';
import type { CallGate } from './rate-limit/call-gate';
import { ALL_ALERTS_CAP } from '@/core/catalog/defender-reads';

export type { AlertListOptions, SkippedAlert } from './alert-records';

export type IsolationType = 'Full' | 'Selective' | 'UnManagedDevice';
export type MachineActionType = 'Isolate' | 'Unisolate' | 'RunAntiVirusScan' | 'CollectInvestigationPackage'
  | 'RestrictCodeExecution' | 'UnrestrictCodeExecution' | 'StopAndQuarantineFile' | 'Offboard' | 'LiveResponse';

export interface AlertPatch {
  status?: 'New' | 'InProgress' | 'Resolved';
  assignedTo?: string;
  classification?: 'TruePositive' | 'InformationalExpectedActivity' | 'FalsePositive';
  determination?: string;
  comment?: string;
}

/** URL segment → MachineAction type (B.7). */
export const MACHINE_ACTION_TYPES = {
  unisolate: 'Unisolate',
  runAntiVirusScan: 'RunAntiVirusScan',
  collectInvestigationPackage: 'CollectInvestigationPackage',
  restrictCodeExecution: 'RestrictCodeExecution',
  unrestrictCodeExecution: 'UnrestrictCodeExecution',
  StopAndQuarantineFile: 'StopAndQuarantineFile',
  offboard: 'Offboard',
} as const satisfies Record<string, MachineActionType>;
export type MachineActionSegment = keyof typeof MACHINE_ACTION_TYPES;

export interface IndicatorInput {
  indicatorValue: string;
  indicatorType: 'FileSha1' | 'FileMd5' | 'CertificateThumbprint' | 'FileSha256' | 'IpAddress' | 'DomainName' | 'Url';
  action: 'Alert' | 'Warn' | 'Block' | 'Audit' | 'BlockAndRemediate' | 'AlertAndBlock' | 'Allowed';
  title: string;
  description: string;
  severity?: 'Informational' | 'Low' | 'Medium' | 'High';
  expirationTime?: string;
  recommendedActions?: string;
  generateAlert?: boolean;
}

/** The body fields submitIndicator sends, in the order B.9 documents them. */
export const INDICATOR_FIELDS = ['indicatorValue', 'indicatorType', 'action', 'title', 'description', 'expirationTime', 'severity', 'recommendedActions', 'generateAlert'] as const satisfies readonly (keyof IndicatorInput)[];

const ZIndicator = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), indicatorValue: z.string(), indicatorType: z.string() });
const ZIndicatorPage = zODataCollection(ZIndicator);
const ZInvestigation = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), state: z.string().nullish(), machineId: z.string().nullish(), startTime: z.string().nullish() });
type Investigation = z.infer<typeof ZInvestigation>;
const ZInvestigationPage = zODataCollection(ZInvestigation);

export interface AlertQuery {
  filter?: string;
  top?: number;
  /** OData $skip: leave out the first N matching alerts (oldest first). */
  skip?: number;
  expandEvidence?: boolean;
  allPages?: boolean;
}

/** The $top of each page when reading all pages: 1,000 keeps responses small (MDE allows 10,000). */
export const ALERT_PAGE_SIZE = 1000;

export interface MdeClientOptions {
  /** Tests only: the page size and cap of listAlerts' "all pages" (defaults ALERT_PAGE_SIZE, ALL_ALERTS_CAP). */
  alertPageSize?: number;
  allAlertsCap?: number;
  /** Retries for 429, 5xx and network failures within one call; default 3. */
  maxRetries?: number;
  /** A Retry-After longer than this is not slept on but thrown (retryable); default 30000. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Shared per-tenant rate limiter (rate-limit/call-gate.ts); the worker always sets one. */
  gate?: CallGate;
}

/** The whole client: the calls below plus the machine calls of mde-machine-client.ts and the entity reads of mde-entity-reads.ts (alerts' related entities, files, IPs, domains, remediation, investigations, create alert). */
export interface MdeClient extends MdeMachineClient, MdeEntityReads {
  /** Alerts created at or after `since`; a record that is not a usable alert is left out and reported to `onSkipped`. */
  listAlertsCreatedSince(since: Date, opts?: AlertListOptions): Promise<MdeAlert[]>;
  getAlert(id: string): Promise<MdeAlert>;
  /** Alerts whose lastUpdateTime is at or after `since` (the "alert updated" trigger). */
  listAlertsUpdatedSince(since: Date, opts?: AlertListOptions): Promise<MdeAlert[]>;
  /** POST /api/alerts/batchUpdate: the same change to many alerts (200, no body). */
  batchUpdateAlerts(ids: string[], patch: AlertPatch): Promise<void>;
  /** PATCH /api/alerts/{id}: only the given fields change (B.5). */
  updateAlert(id: string, patch: AlertPatch): Promise<MdeAlert>;
  getMachine(id: string): Promise<MdeMachine>;
  /** GET /api/machines with an OData $filter (B.3); all pages up to `top` (default 1,000). */
  listMachines(opts?: { filter?: string; top?: number }): Promise<MdeMachine[]>;
  /**
   * GET /api/alerts with an OData $filter and $skip, optionally with evidence: pages up to `top`
   * (default 1,000), or with `allPages` every page (`top` ignored) up to ALL_ALERTS_CAP, beyond
   * which it fails with TooManyResults rather than return a cut list.
   */
  listAlerts(opts?: AlertQuery): Promise<MdeAlert[]>;
  /**
   * POST /api/machines/{id}/startInvestigation: an automated investigation of the device. One
   * already running there (400 ActiveRequestAlreadyExists) is reported, not repeated.
   */
  startInvestigation(machineId: string, comment: string): Promise<{ investigation: Investigation; alreadyRequested: boolean }>;
  /** The newest investigation of the device started at or after `since`, in any state (MDE keeps no comment to search). */
  findInvestigationSince(machineId: string, since: Date): Promise<Investigation | null>;
  getInvestigation(id: string): Promise<Record<string, unknown>>;
  /** POST /api/indicators: submit, or update the indicator of the same type and value (B.9). */
  submitIndicator(input: IndicatorInput): Promise<Record<string, unknown>>;
  listIndicators(opts?: { filter?: string; top?: number }): Promise<Record<string, unknown>[]>;
  /** DELETE /api/indicators/{id} (204). */
  deleteIndicator(id: string): Promise<void>;
  /** POST /api/machineactions/{id}/cancel (only for actions not yet final). */
  cancelMachineAction(id: string, comment: string): Promise<MachineAction>;
  isolateMachine(machineId: string, input: { comment: string; isolationType: IsolationType }): Promise<{ action: MachineAction; alreadyRequested: boolean }>;
  /** Another machine action of B.7 (`segment` is MDE's URL segment, e.g. runAntiVirusScan); body fields in MDE casing besides Comment. */
  startMachineAction(machineId: string, segment: MachineActionSegment, input: { comment: string; fields?: Record<string, string> }): Promise<{ action: MachineAction; alreadyRequested: boolean }>;
  /** POST /api/machines/{id}/tags: add or remove one tag; the updated machine. */
  tagMachine(machineId: string, tag: string, action: 'Add' | 'Remove'): Promise<MdeMachine>;
  findActiveMachineAction(machineId: string, type: MachineActionType): Promise<MachineAction | null>;
  /** The newest action of this type on the machine whose comment carries `marker`, in any status. */
  findMachineActionByComment(machineId: string, type: MachineActionType, marker: string): Promise<MachineAction | null>;
  getMachineAction(id: string): Promise<MachineAction>;
  /** Advanced hunting; `api` defaults to the legacy MDE endpoint, 'graph' uses Graph runHuntingQuery. */
  runHuntingQuery(query: string, opts?: HuntingOptions): Promise<HuntingResult>;
  testConnection(): Promise<void>;
}

// Alert lists are read record by record (alert-records.ts): one malformed alert must not fail the page.
const ZLooseAlertPage = zODataCollection(z.unknown());
const ZAlertPage = zODataCollection(ZMdeAlert);
const ZActionPage = zODataCollection(ZMachineAction);
const ZMachinePage = zODataCollection(ZMdeMachine);
const ACTIVE_STATUSES = new Set(['Pending', 'InProgress']);

export function createMdeClient(conn: DefenderConnection, opts: MdeClientOptions = {}): MdeClient {
  const policy = {
    maxRetries: opts.maxRetries ?? 3,
    maxRetryAfterMs: opts.maxRetryAfterMs ?? 30_000,
    sleep: opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    gate: opts.gate,
  };
  const send = createMdeRequest(conn, policy);
  // Hunting gets its own senders: longer timeouts, and Graph has its own host and token scope.
  const hunt = {
    mde: createMdeRequest(conn, policy, { ...mdeEndpointOf(conn), timeoutMs: HUNTING_TIMEOUT_MS }),
    graph: createMdeRequest(conn, policy, { ...graphEndpointOf(conn), timeoutMs: HUNTING_TIMEOUT_MS }),
  };
  const path = (segment: string) => encodeURIComponent(segment);

  function machineActionsOf(machineId: string, type: MachineActionType): Promise<MachineAction[]> {
    const filter = `machineId eq ${odataString(machineId)} and type eq ${odataString(type)}`;
    return collectPages(send, `/api/machineactions${query({ $filter: filter })}`, ZActionPage);
  }

  // Newest first: if MDE ever holds two, the latest is the one a retry would have created.
  const newestFirst = (list: MachineAction[]) =>
    [...list].sort((a, b) => Date.parse(b.creationDateTimeUtc ?? '') - Date.parse(a.creationDateTimeUtc ?? ''));

  const newestStarted = (list: Investigation[]) =>
    [...list].sort((a, b) => Date.parse(b.startTime ?? '') - Date.parse(a.startTime ?? ''))[0] ?? null;

  async function findActiveMachineAction(machineId: string, type: MachineActionType): Promise<MachineAction | null> {
    const actions = await machineActionsOf(machineId, type);
    return newestFirst(actions.filter((a) => ACTIVE_STATUSES.has(a.status ?? '')))[0] ?? null;
  }

  async function findMachineActionByComment(machineId: string, type: MachineActionType, marker: string): Promise<MachineAction | null> {
    const actions = await machineActionsOf(machineId, type);
    return newestFirst(actions.filter((a) => (a.requestorComment ?? '').includes(marker)))[0] ?? null;
  }

  return {
    ...createMachineClient(send, { findActiveMachineAction }),
    ...createEntityReads(send),

    async listAlertsCreatedSince(since, { top, onSkipped } = {}) {
      if (Number.isNaN(since.getTime())) throw invalidInput('listAlertsCreatedSince needs a valid date.');
      const filter = `alertCreationTime ge ${since.toISOString()}`;
      return usableAlerts(await collectPages(send, `/api/alerts${query({ $filter: filter, $top: top })}`, ZLooseAlertPage), onSkipped);
    },

    getAlert: (id) => send('GET', `/api/alerts/${path(id)}`, ZMdeAlert),

    async listAlertsUpdatedSince(since, { top, onSkipped } = {}) {
      if (Number.isNaN(since.getTime())) throw invalidInput('listAlertsUpdatedSince needs a valid date.');
      const filter = `lastUpdateTime ge ${since.toISOString()}`;
      return usableAlerts(await collectPages(send, `/api/alerts${query({ $filter: filter, $top: top })}`, ZLooseAlertPage), onSkipped);
    },

    async batchUpdateAlerts(ids, patch) {
      const body = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== ''));
      if (ids.length === 0) throw invalidInput('Batch update needs at least one alert id.');
      if (Object.keys(body).length === 0) throw invalidInput('Batch update needs at least one field to change.');
      await send('POST', '/api/alerts/batchUpdate', z.undefined(), { alertIds: ids, ...body });
    },

    async updateAlert(id, patch) {
      // Only the fields that are set are sent: MDE keeps (or recomputes) the others.
      const body = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== ''));
      if (Object.keys(body).length === 0) throw invalidInput('Update alert needs at least one field to change (status, assigned to, classification, determination or a comment).');
      return send('PATCH', `/api/alerts/${path(id)}`, ZMdeAlert, body);
    },

    getMachine: (id) => send('GET', `/api/machines/${path(id)}`, ZMdeMachine),

    async listMachines({ filter, top } = {}) {
      const limit = top ?? 1000;
      return collectPages(send, `/api/machines${query({ $filter: filter || undefined, $top: limit })}`, ZMachinePage, limit);
    },

    async listAlerts({ filter, top, skip, expandEvidence, allPages = false } = {}) {
      const $filter = filter || undefined;
      const $expand = expandEvidence ? 'evidence' : undefined;
      const $skip = skip ? skip : undefined;
      if (!allPages) {
        const limit = top ?? 1000;
        return collectPages(send, `/api/alerts${query({ $filter, $top: limit, $skip, $expand })}`, ZAlertPage, limit);
      }
      // Every page: one item past the cap tells "more than the cap" from "exactly the cap".
      const cap = opts.allAlertsCap ?? ALL_ALERTS_CAP;
      const items = await collectPages(send, `/api/alerts${query({ $filter, $top: opts.alertPageSize ?? ALERT_PAGE_SIZE, $skip, $expand })}`, ZAlertPage, cap + 1);
      if (items.length > cap) {
        throw new MdeApiError({
          status: 200, code: 'TooManyResults', retryable: false,
          message: `More than ${cap.toLocaleString('en-US')} alerts match; a flow must not act on a silently cut list. Narrow the filter, or read them in parts with "At most" and "Skip".`,
        });
      }
      return items;
    },

    async startInvestigation(machineId, comment) {
      if (!comment.trim()) throw invalidInput('Starting an investigation needs a comment.');
      try {
        const investigation = await send('POST', `/api/machines/${path(machineId)}/startInvestigation`, ZInvestigation, { Comment: comment });
        return { investigation, alreadyRequested: false };
      } catch (error) {
        if (!(error instanceof MdeApiError) || error.code !== 'ActiveRequestAlreadyExists') throw error;
        const filter = `machineId eq ${odataString(machineId)} and state eq 'Running'`;
        const running = newestStarted(await collectPages(send, `/api/investigations${query({ $filter: filter })}`, ZInvestigationPage));
        if (running) return { investigation: running, alreadyRequested: true };
        throw new MdeApiError({
          status: error.status, code: error.code, retryable: true, target: error.target,
          message: `Defender reports an automated investigation already running on machine ${machineId}, but none is listed as running; it may have just finished. Retry later.`,
        });
      }
    },

    async findInvestigationSince(machineId, since) {
      if (Number.isNaN(since.getTime())) throw invalidInput('findInvestigationSince needs a valid date.');
      const filter = `machineId eq ${odataString(machineId)} and startTime ge ${since.toISOString()}`;
      return newestStarted(await collectPages(send, `/api/investigations${query({ $filter: filter })}`, ZInvestigationPage));
    },

    getInvestigation: (id) => send('GET', `/api/investigations/${path(id)}`, ZInvestigation),

    async submitIndicator(input) {
      // Only set fields are sent, in camelCase and in B.9's order whatever order the caller used
      // (so the request is the same for the same input); a field not in the list is never sent.
      const body = Object.fromEntries(INDICATOR_FIELDS.map((k) => [k, input[k]] as const).filter(([, v]) => v !== undefined && v !== ''));
      return send('POST', '/api/indicators', ZIndicator, body);
    },

    async listIndicators({ filter, top } = {}) {
      const limit = top ?? 1000;
      return collectPages(send, `/api/indicators${query({ $filter: filter || undefined, $top: limit })}`, ZIndicatorPage, limit);
    },

    async deleteIndicator(id) {
      await send('DELETE', `/api/indicators/${path(id)}`, z.undefined());
    },

    async cancelMachineAction(id, comment) {
      if (!comment.trim()) throw invalidInput('Cancelling a machine action needs a comment.');
      return send('POST', `/api/machineactions/${path(id)}/cancel`, ZMachineAction, { Comment: comment });
    },

    async isolateMachine(machineId, { comment, isolationType }) {
      if (!comment.trim()) throw invalidInput('Isolation needs a comment (MDE requires it).');
      try {
        // Body parameter names are case-sensitive in MDE (B.3): Comment, IsolationType.
        const action = await send('POST', `/api/machines/${path(machineId)}/isolate`, ZMachineAction, { Comment: comment, IsolationType: isolationType });
        return { action, alreadyRequested: false };
      } catch (error) {
        if (!(error instanceof MdeApiError) || error.code !== 'ActiveRequestAlreadyExists') throw error;
        // Already pending (e.g. our own earlier attempt before a crash): report it, don't fail.
        const action = await findActiveMachineAction(machineId, 'Isolate');
        if (action) return { action, alreadyRequested: true };
        throw new MdeApiError({
          status: error.status, code: error.code, retryable: true, target: error.target,
          message: `Defender reports an isolation already in progress on machine ${machineId}, but no pending Isolate action was found; it may have just completed. Retry later.`,
        });
      }
    },

    async startMachineAction(machineId, segment, { comment, fields = {} }) {
      if (!comment.trim()) throw invalidInput('Machine actions need a comment (MDE requires it).');
      const type = MACHINE_ACTION_TYPES[segment];
      try {
        const action = await send('POST', `/api/machines/${path(machineId)}/${segment}`, ZMachineAction, { Comment: comment, ...fields });
        return { action, alreadyRequested: false };
      } catch (error) {
        if (!(error instanceof MdeApiError) || error.code !== 'ActiveRequestAlreadyExists') throw error;
        const action = await findActiveMachineAction(machineId, type);
        if (action) return { action, alreadyRequested: true };
        throw new MdeApiError({
          status: error.status, code: error.code, retryable: true, target: error.target,
          message: `Defender reports a ${type} already in progress on machine ${machineId}, but none is pending; it may have just completed. Retry later.`,
        });
      }
    },

    async tagMachine(machineId, tag, action) {
      if (!tag.trim()) throw invalidInput('A machine tag cannot be empty.');
      return send('POST', `/api/machines/${path(machineId)}/tags`, ZMdeMachine, { Value: tag, Action: action });
    },

    findActiveMachineAction,
    findMachineActionByComment,

    getMachineAction: (id) => send('GET', `/api/machineactions/${path(id)}`, ZMachineAction),

    runHuntingQuery: (huntingQuery, huntingOpts) => runHuntingQuery(hunt, huntingQuery, huntingOpts),

    async testConnection() {
      // Acquires a token and proves Alert.Read.All, the permission the trigger needs.
      await send('GET', `/api/alerts${query({ $top: 1 })}`, ZAlertPage);
    },
  };
}
