// The device-centred part of the MDE client: finding devices by tag or IP, what is on a device
// (logged-on users, alerts, software, vulnerabilities), the machine-action list, live response
// and the download links of live response results and investigation packages. Composed into
// createMdeClient; every call goes through the same MdeRequest (rate limiting, errors, retries).
import { isIP } from 'node:net';
import { z } from 'zod';
import { ZMachineAction, ZMdeAlert, ZMdeMachine, zODataCollection, type MachineAction, type MdeAlert, type MdeMachine } from './entities';
import { MdeApiError } from './errors';
import { collectPages, invalidInput, query } from './mde-paging';
import type { MdeRequest } from './mde-request';

/** A user who logged on to a device (`get-machine-log-on-users`). */
export const ZLogonUser = z.looseObject({
  id: z.string(),
  accountName: z.string().nullish(),
  accountDomain: z.string().nullish(),
  firstSeen: z.string().nullish(),
  lastSeen: z.string().nullish(),
  logonTypes: z.string().nullish(),
  isDomainAdmin: z.boolean().nullish(),
  isOnlyNetworkUser: z.boolean().nullish(),
});
export type LogonUser = z.infer<typeof ZLogonUser>;

/** Installed software (TVM `Software` entity). */
export const ZSoftware = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  vendor: z.string().nullish(),
  weaknesses: z.number().nullish(),
  publicExploit: z.boolean().nullish(),
  activeAlert: z.boolean().nullish(),
  exposedMachines: z.number().nullish(),
  impactScore: z.number().nullish(),
});
export type Software = z.infer<typeof ZSoftware>;

/** A vulnerability (TVM `Vulnerability` entity); `id` is the CVE. */
export const ZVulnerability = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  severity: z.string().nullish(),
  cvssV3: z.number().nullish(),
  exposedMachines: z.number().nullish(),
  publishedOn: z.string().nullish(),
  updatedOn: z.string().nullish(),
  publicExploit: z.boolean().nullish(),
  exploitVerified: z.boolean().nullish(),
  exploitInKit: z.boolean().nullish(),
  exploitTypes: z.array(z.string()).nullish(),
  exploitUris: z.array(z.string()).nullish(),
});
export type Vulnerability = z.infer<typeof ZVulnerability>;

/** One live response command as `runliveresponse` takes it (B.7); keys are MDE's exact casing. */
export interface LiveResponseCommand {
  type: 'PutFile' | 'RunScript' | 'GetFile';
  params: { key: 'FileName' | 'ScriptName' | 'Args' | 'Path'; value: string }[];
}

/** `{ value: <uri> }`, how MDE returns a download link. */
const ZLink = z.looseObject({ value: z.string().min(1) });
const ZMachinePage = zODataCollection(ZMdeMachine);
const ZAlertPage = zODataCollection(ZMdeAlert);
const ZActionPage = zODataCollection(ZMachineAction);

export interface MdeMachineClient {
  /** GET /api/machines/findbytag: devices with this tag (or, with useStartsWithFilter, a tag starting with it). */
  findMachinesByTag(tag: string, opts?: { useStartsWithFilter?: boolean; top?: number }): Promise<MdeMachine[]>;
  /** GET /api/machines/findbyip(ip='…',timestamp=…): devices seen with the IP within ±15 min of `at` (≤ 30 days ago). */
  findMachinesByIp(ip: string, at: Date): Promise<MdeMachine[]>;
  getLogonUsers(machineId: string): Promise<LogonUser[]>;
  /** GET /api/machines/{id}/alerts, all pages up to `top` (default 1,000). */
  listMachineAlerts(machineId: string, opts?: { top?: number }): Promise<MdeAlert[]>;
  getMachineSoftware(machineId: string): Promise<Software[]>;
  getMachineVulnerabilities(machineId: string): Promise<Vulnerability[]>;
  /** GET /api/machineactions with an OData $filter; all pages up to `top` (default 1,000). */
  listMachineActions(opts?: { filter?: string; top?: number }): Promise<MachineAction[]>;
  /** POST /api/machines/{id}/runliveresponse; a live response already running on the device is reported, not repeated. */
  runLiveResponse(machineId: string, input: { comment: string; commands: LiveResponseCommand[] }): Promise<{ action: MachineAction; alreadyRequested: boolean }>;
  /** GET /api/machineactions/{id}/GetLiveResponseResultDownloadLink(index=N): a short-lived link. */
  getLiveResponseResultLink(actionId: string, index: number): Promise<string>;
  /** GET /api/machineactions/{id}/getPackageUri: a short-lived SAS link; 404 until the collection completed. */
  getInvestigationPackageUri(actionId: string): Promise<string>;
}

/** `2026-01-31T08:44:05Z`: the docs' timestamp form (no milliseconds). */
function odataTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createMachineClient(
  send: MdeRequest,
  deps: { findActiveMachineAction(machineId: string, type: 'LiveResponse'): Promise<MachineAction | null> },
): MdeMachineClient {
  const path = (segment: string) => encodeURIComponent(segment);
  // The limit goes to collectPages, so no page beyond it is read (slicing afterwards read them all).
  const upTo = <T>(first: string, schema: z.ZodType<{ value: T[]; '@odata.nextLink'?: string | null }>, top: number | undefined) => collectPages(send, first, schema, top ?? 1000);

  return {
    async findMachinesByTag(tag, { useStartsWithFilter = false, top } = {}) {
      if (!tag.trim()) throw invalidInput('Finding machines by tag needs a tag.');
      return upTo(`/api/machines/findbytag${query({ tag, useStartsWithFilter: String(useStartsWithFilter) })}`, ZMachinePage, top);
    },

    async findMachinesByIp(ip, at) {
      // Checked here because the IP goes into the path as an OData literal: only a real address may.
      if (isIP(ip.trim()) === 0) throw invalidInput(`'${ip.slice(0, 100)}' is not an IPv4 or IPv6 address.`);
      if (Number.isNaN(at.getTime())) throw invalidInput('Finding machines by IP needs a valid time.');
      return collectPages(send, `/api/machines/findbyip(ip='${ip.trim()}',timestamp=${odataTimestamp(at)})`, ZMachinePage);
    },

    getLogonUsers: (machineId) => collectPages(send, `/api/machines/${path(machineId)}/logonusers`, zODataCollection(ZLogonUser)),

    listMachineAlerts: (machineId, { top } = {}) => upTo(`/api/machines/${path(machineId)}/alerts`, ZAlertPage, top),

    getMachineSoftware: (machineId) => collectPages(send, `/api/machines/${path(machineId)}/software`, zODataCollection(ZSoftware)),

    getMachineVulnerabilities: (machineId) => collectPages(send, `/api/machines/${path(machineId)}/vulnerabilities`, zODataCollection(ZVulnerability)),

    async listMachineActions({ filter, top } = {}) {
      const limit = top ?? 1000;
      return upTo(`/api/machineactions${query({ $filter: filter || undefined, $top: limit })}`, ZActionPage, limit);
    },

    async runLiveResponse(machineId, { comment, commands }) {
      if (!comment.trim()) throw invalidInput('Live response needs a comment (MDE requires it).');
      if (commands.length === 0) throw invalidInput('Live response needs at least one command.');
      try {
        // Body names are case-sensitive (B.3): Commands, Comment; each command { type, params: [{ key, value }] }.
        const action = await send('POST', `/api/machines/${path(machineId)}/runliveresponse`, ZMachineAction, { Commands: commands, Comment: comment });
        return { action, alreadyRequested: false };
      } catch (error) {
        if (!(error instanceof MdeApiError) || error.code !== 'ActiveRequestAlreadyExists') throw error;
        const action = await deps.findActiveMachineAction(machineId, 'LiveResponse');
        if (action) return { action, alreadyRequested: true };
        throw new MdeApiError({
          status: error.status, code: error.code, retryable: true, target: error.target,
          message: `Defender reports a live response session already running on machine ${machineId}, but none is pending; it may have just completed. Retry later.`,
        });
      }
    },

    async getLiveResponseResultLink(actionId, index) {
      if (!Number.isInteger(index) || index < 0) throw invalidInput('The command index is a whole number from 0.');
      return (await send('GET', `/api/machineactions/${path(actionId)}/GetLiveResponseResultDownloadLink(index=${index})`, ZLink)).value;
    },

    async getInvestigationPackageUri(actionId) {
      return (await send('GET', `/api/machineactions/${path(actionId)}/getPackageUri`, ZLink)).value;
    },
  };
}
