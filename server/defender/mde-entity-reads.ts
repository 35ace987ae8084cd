// The MDE calls around an alert's entities: create an alert by reference, the entities related
// to an alert, files, IP and domain statistics, remediation activities (preview) and the list of
// investigations. Composed into the client by mde-client.ts; every call goes through the same
// request function, so the rate limiter, retries, errors and paging are the client's own.
import { z } from 'zod';
import { ZMdeAlert, ZMdeMachine, zODataCollection, type MdeAlert, type MdeMachine } from './entities';
import { collectPages, invalidInput, odataString, query } from './mde-paging';
import type { MdeRequest } from './mde-request';
import {
  ZDomainStats, ZFileStats, ZInvestigationItem, ZIpStats, ZMachineReference, ZMdeFile, ZMdeUser, ZRelatedDomain, ZRelatedIp, ZRemediationTask,
  type MdeFile, type MdeUser, type RemediationTask,
} from './related-entities';

export type CreatedAlertSeverity = 'Low' | 'Medium' | 'High' | 'Informational';

/** Body of CreateAlertByReference (B.5), in MDE's camelCase; every field is required. */
export interface CreateAlertInput {
  machineId: string;
  reportId: string;
  eventTime: string;
  severity: CreatedAlertSeverity;
  category: string;
  title: string;
  description: string;
  recommendedAction: string;
}

type Row = Record<string, unknown>;

export interface MdeEntityReads {
  /** POST /api/alerts/CreateAlertByReference; a same-title open alert on the device comes back instead of a new one. */
  createAlertByReference(input: CreateAlertInput): Promise<MdeAlert>;
  /** The newest alert on the machine, in `category`, created since `since`, whose description carries `marker`. */
  findAlertByMarker(opts: { machineId: string; category: string; marker: string; since: Date }): Promise<MdeAlert | null>;
  getAlertMachine(alertId: string): Promise<MdeMachine>;
  getAlertUser(alertId: string): Promise<MdeUser>;
  listAlertFiles(alertId: string): Promise<MdeFile[]>;
  /** Each item is `{ id: <IP address> }`, as MDE returns it. */
  listAlertIps(alertId: string): Promise<Row[]>;
  /** Each item is `{ host }`. */
  listAlertDomains(alertId: string): Promise<Row[]>;
  /** `fileId`: SHA-1 or SHA-256. */
  getFile(fileId: string): Promise<MdeFile>;
  getFileStats(fileId: string, lookBackHours?: number): Promise<Row>;
  listFileAlerts(fileId: string): Promise<MdeAlert[]>;
  listFileMachines(fileId: string): Promise<MdeMachine[]>;
  getIpStats(ip: string, lookBackHours?: number): Promise<Row>;
  getDomainStats(domain: string, lookBackHours?: number): Promise<Row>;
  /** GET /api/remediationtasks (preview) with an OData $filter; all pages up to `top` (default 1,000). */
  listRemediationTasks(opts?: { filter?: string; top?: number }): Promise<RemediationTask[]>;
  getRemediationTask(id: string): Promise<RemediationTask>;
  listRemediationTaskMachines(id: string): Promise<Row[]>;
  /** GET /api/investigations with an OData $filter; all pages up to `top` (default 1,000). */
  listInvestigations(opts?: { filter?: string; top?: number }): Promise<Row[]>;
}

const FILE_HASH = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const DEFAULT_TOP = 1000;

export function createEntityReads(send: MdeRequest): MdeEntityReads {
  // Every id goes into a path segment: encoded, so a token value can never add a segment or a query.
  const seg = (value: string) => encodeURIComponent(value);
  const list = <T extends z.ZodType>(first: string, item: T, limit?: number) => collectPages(send, first, zODataCollection(item), limit);
  const fileSeg = (fileId: string) => {
    const id = fileId.trim();
    if (!FILE_HASH.test(id)) throw invalidInput(`'${fileId.slice(0, 80)}' is not a file hash: use a SHA-1 (40 hex characters) or SHA-256 (64).`);
    return seg(id);
  };
  const lookBack = (hours: number | undefined) => query({ lookBackHours: hours });

  return {
    async createAlertByReference(input) {
      const missing = (Object.keys(input) as (keyof CreateAlertInput)[]).find((k) => input[k].trim() === '');
      if (missing) throw invalidInput(`Create alert needs ${missing}.`);
      // Key order and casing as in MDE's docs; all eight fields are required there.
      const { machineId, reportId, eventTime, severity, category, title, description, recommendedAction } = input;
      return send('POST', '/api/alerts/CreateAlertByReference', ZMdeAlert, { machineId, reportId, eventTime, severity, category, title, description, recommendedAction });
    },

    async findAlertByMarker({ machineId, category, marker, since }) {
      // Only filters MDE documents for alerts (category, alertCreationTime); the machine and the
      // marker are matched here.
      const filter = `category eq ${odataString(category)} and alertCreationTime ge ${since.toISOString()}`;
      const alerts = await list(`/api/alerts${query({ $filter: filter })}`, ZMdeAlert);
      const device = machineId.toLowerCase();
      const mine = alerts.filter((a) => (a.description ?? '').includes(marker) && (a.machineId === device || a.computerDnsName?.toLowerCase() === device));
      return mine.sort((a, b) => Date.parse(b.alertCreationTime ?? '') - Date.parse(a.alertCreationTime ?? ''))[0] ?? null;
    },

    getAlertMachine: (alertId) => send('GET', `/api/alerts/${seg(alertId)}/machine`, ZMdeMachine),
    getAlertUser: (alertId) => send('GET', `/api/alerts/${seg(alertId)}/user`, ZMdeUser),
    listAlertFiles: (alertId) => list(`/api/alerts/${seg(alertId)}/files`, ZMdeFile),
    listAlertIps: (alertId) => list(`/api/alerts/${seg(alertId)}/ips`, ZRelatedIp),
    listAlertDomains: (alertId) => list(`/api/alerts/${seg(alertId)}/domains`, ZRelatedDomain),

    getFile: async (fileId) => send('GET', `/api/files/${fileSeg(fileId)}`, ZMdeFile),
    getFileStats: async (fileId, hours) => send('GET', `/api/files/${fileSeg(fileId)}/stats${lookBack(hours)}`, ZFileStats),
    listFileAlerts: async (fileId) => list(`/api/files/${fileSeg(fileId)}/alerts`, ZMdeAlert),
    listFileMachines: async (fileId) => list(`/api/files/${fileSeg(fileId)}/machines`, ZMdeMachine),

    async getIpStats(ip, hours) {
      if (!ip.trim()) throw invalidInput('IP statistics need an IP address.');
      return send('GET', `/api/ips/${seg(ip.trim())}/stats${lookBack(hours)}`, ZIpStats);
    },
    async getDomainStats(domain, hours) {
      if (!domain.trim()) throw invalidInput('Domain statistics need a domain name.');
      return send('GET', `/api/domains/${seg(domain.trim())}/stats${lookBack(hours)}`, ZDomainStats);
    },

    listRemediationTasks: ({ filter, top = DEFAULT_TOP } = {}) =>
      list(`/api/remediationtasks${query({ $filter: filter || undefined, $top: top })}`, ZRemediationTask, top),
    getRemediationTask: (id) => send('GET', `/api/remediationtasks/${seg(id)}`, ZRemediationTask),
    listRemediationTaskMachines: (id) => list(`/api/remediationtasks/${seg(id)}/machinereferences`, ZMachineReference),

    listInvestigations: ({ filter, top = DEFAULT_TOP } = {}) =>
      list(`/api/investigations${query({ $filter: filter || undefined, $top: top })}`, ZInvestigationItem, top),
  };
}
