// Shapes the simulator keeps in memory. Alert and machine records are stored exactly as
// MDE serialises them (B.6/B.7), so handlers can return them without mapping.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SimMachine {
  id: string;
  computerDnsName: string;
  firstSeen: string;
  lastSeen: string;
  osPlatform: string;
  osVersion: string | null;
  osProcessor: string;
  osArchitecture: string;
  version: string;
  /** null for Linux and macOS, as MDE reports them. */
  osBuild: number | null;
  lastIpAddress: string;
  lastExternalIpAddress: string;
  agentVersion: string;
  healthStatus: string;
  onboardingStatus: string;
  defenderAvStatus: string;
  rbacGroupId: number;
  rbacGroupName: string;
  riskScore: string;
  exposureLevel: string;
  deviceValue: string;
  isAadJoined: boolean;
  aadDeviceId: string | null;
  machineTags: string[];
  managedBy: string;
  isPotentialDuplication: boolean;
  mergedIntoMachineId: string | null;
  ipAddresses: { ipAddress: string; macAddress: string; type: string; operationalStatus: string }[];
}

export interface SimEvidence {
  entityType: string;
  evidenceCreationTime: string;
  sha1: string | null;
  sha256: string | null;
  fileName: string | null;
  filePath: string | null;
  processId: number | null;
  processCommandLine: string | null;
  processCreationTime: string | null;
  parentProcessId: number | null;
  parentProcessCreationTime: string | null;
  parentProcessFileName: string | null;
  parentProcessFilePath: string | null;
  ipAddress: string | null;
  url: string | null;
  registryKey: string | null;
  registryHive: string | null;
  registryValueType: string | null;
  registryValue: string | null;
  accountName: string | null;
  domainName: string | null;
  userSid: string | null;
  aadUserId: string | null;
  userPrincipalName: string | null;
  detectionStatus: string | null;
}

export interface SimAlert {
  id: string;
  incidentId: number;
  investigationId: number | null;
  assignedTo: string | null;
  severity: string;
  status: string;
  classification: string | null;
  determination: string | null;
  investigationState: string;
  detectionSource: string;
  detectorId: string;
  category: string;
  threatFamilyName: string | null;
  threatName: string | null;
  title: string;
  description: string;
  alertCreationTime: string;
  firstEventTime: string;
  lastEventTime: string;
  lastUpdateTime: string;
  resolvedTime: string | null;
  machineId: string;
  computerDnsName: string;
  rbacGroupName: string;
  aadTenantId: string;
  relatedUser: { userName: string; domainName: string } | null;
  mitreTechniques: string[];
  comments: { comment: string; createdBy: string; createdTime: string }[];
  evidence: SimEvidence[];
}

/** What the simulator stores for a machine action; status is derived from time on read. */
export interface SimActionRecord {
  id: string;
  type: string;
  scope: string | null;
  requestor: string;
  requestorComment: string;
  machineId: string;
  computerDnsName: string;
  createdAtMs: number;
  latencyMs: number;
  /** Set by POST /api/machineactions/{id}/cancel while the action was not final. */
  cancelled?: { atMs: number; by: string; comment: string };
  /** Live response: the commands as requested (MDE casing), in order. */
  commands?: SimLiveResponseCommand[];
  /** The action ends Failed instead of Succeeded: which command failed (live response) and why. */
  failure?: { commandIndex: number; message: string };
  /** The action ends TimeOut instead of Succeeded (the device never picked it up; POST /_sim/action-outcomes). */
  timesOut?: true;
}

/** How the next machine actions of a type end (POST /_sim/action-outcomes): consumed one per action. */
export interface PlannedOutcome {
  /** MachineAction type (RunAntiVirusScan, Isolate…); absent: any type. */
  type?: string;
  outcome: 'Failed' | 'TimeOut';
  times: number;
}

/** An automated investigation (B.7 startInvestigation); its state is derived from time on read. */
export interface SimInvestigation {
  id: string;
  machineId: string;
  computerDnsName: string;
  comment: string;
  startedAtMs: number;
  latencyMs: number;
}

export interface SimLiveResponseCommand {
  type: string;
  params: { key: string; value: string }[];
}

export interface CallRecord {
  /** When the answer was sent. */
  at: string;
  /** When the request arrived (before any delay in answering), so tests can check Retry-After. */
  receivedAt?: string;
  /** The app registration that made the call: from the bearer token, or the token request's client_id. */
  clientId?: string;
  /** The Retry-After header of the answer, if any. */
  retryAfter?: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  body?: JsonValue;
}

/** A machine-action request (POST /api/machines/{id}/{action}) as it arrived, for latency benchmarks. */
export interface ActionCallRecord {
  /** Epoch ms when the request reached the simulator (before its body was read). */
  arrivedAtMs: number;
  /** The URL segment: isolate, unisolate, runAntiVirusScan, … */
  action: string;
  machineId: string;
  /** The body's Comment, when it had one (Riposte's carries the alert id and a run marker). */
  comment: string | null;
  status: number;
}

export interface Fault {
  path: string;
  method?: string;
  status: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  /** Raw response text instead of an error body, to exercise clients against malformed JSON. */
  rawBody?: string;
  times: number;
}

/**
 * A share of matching calls that fail at random (PUT /_sim/fault-rates), for soak tests of retry
 * handling: unlike `Fault` it never runs out. The call is answered before it is carried out.
 */
export interface FaultRate {
  path: string;
  method?: string;
  status: number;
  /** 0..1: the chance that one matching call gets this answer (rules are tried in order). */
  share: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: string;
}

/** The resource a token was issued for: the MDE API or Microsoft Graph. */
export type TokenAudience = 'mde' | 'graph';

export interface IssuedToken {
  tenantId: string;
  clientId: string;
  expiresAtMs: number;
  audience: TokenAudience;
  roles: string[];
}
