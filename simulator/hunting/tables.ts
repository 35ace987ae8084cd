// Advanced hunting tables built from the simulator's own state, so a query sees the same
// machines and alerts the REST endpoints serve. Column names and types follow the
// Defender XDR schema (DeviceInfo, AlertInfo, AlertEvidence, DeviceProcessEvents), cut down
// to the columns flows typically read.
import type { SimAlert, SimMachine } from '../types';

export type ColumnType = 'DateTime' | 'String' | 'Int64' | 'Int32' | 'Boolean';
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  name: string;
  type: ColumnType;
}

export interface HuntingTable {
  columns: Column[];
  rows: Row[];
}

/** Hunting only ever sees the last 30 days (B.8). */
export const RETENTION_MS = 30 * 86_400_000;

const cols = (spec: Record<string, ColumnType>): Column[] => Object.entries(spec).map(([name, type]) => ({ name, type }));

const DEVICE_INFO = cols({
  Timestamp: 'DateTime', DeviceId: 'String', DeviceName: 'String', OSPlatform: 'String', OSVersion: 'String',
  OSBuild: 'Int64', OSArchitecture: 'String', PublicIP: 'String', MachineGroup: 'String', IsAzureADJoined: 'Boolean',
  OnboardingStatus: 'String', ExposureLevel: 'String', AssetValue: 'String', SensorHealthState: 'String',
});
const ALERT_INFO = cols({
  Timestamp: 'DateTime', AlertId: 'String', Title: 'String', Category: 'String', Severity: 'String',
  ServiceSource: 'String', DetectionSource: 'String', AttackTechniques: 'String',
});
const ALERT_EVIDENCE = cols({
  Timestamp: 'DateTime', AlertId: 'String', Title: 'String', Categories: 'String', Severity: 'String',
  ServiceSource: 'String', EntityType: 'String', EvidenceRole: 'String', DeviceId: 'String', DeviceName: 'String',
  FileName: 'String', FolderPath: 'String', SHA1: 'String', SHA256: 'String', ProcessCommandLine: 'String',
  AccountName: 'String', AccountDomain: 'String', RemoteIP: 'String', RemoteUrl: 'String',
});
const PROCESS_EVENTS = cols({
  Timestamp: 'DateTime', DeviceId: 'String', DeviceName: 'String', ActionType: 'String', FileName: 'String',
  FolderPath: 'String', ProcessCommandLine: 'String', ProcessId: 'Int64', AccountName: 'String',
  InitiatingProcessFileName: 'String',
  // With DeviceId and Timestamp, what "create alert by reference" names an event by.
  ReportId: 'Int64',
});

/** Everyday process activity per machine: fixed, so queries over it give stable counts. */
const ROUTINE_PROCESSES = [
  { FileName: 'svchost.exe', FolderPath: 'C:\\Windows\\System32', ProcessCommandLine: 'svchost.exe -k netsvcs -p', AccountName: 'system', InitiatingProcessFileName: 'services.exe' },
  { FileName: 'msedge.exe', FolderPath: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application', ProcessCommandLine: '"msedge.exe" --single-argument https://contoso.sharepoint.com', AccountName: 'user', InitiatingProcessFileName: 'explorer.exe' },
  { FileName: 'powershell.exe', FolderPath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0', ProcessCommandLine: 'powershell.exe -File C:\\ProgramData\\IT\\inventory.ps1', AccountName: 'system', InitiatingProcessFileName: 'svchost.exe' },
] as const;

function deviceInfo(machines: SimMachine[]): Row[] {
  return machines.map((m) => ({
    Timestamp: m.lastSeen,
    DeviceId: m.id,
    DeviceName: m.computerDnsName,
    OSPlatform: m.osPlatform,
    OSVersion: m.version,
    OSBuild: m.osBuild,
    OSArchitecture: m.osArchitecture,
    PublicIP: m.lastExternalIpAddress,
    MachineGroup: m.rbacGroupName,
    IsAzureADJoined: m.isAadJoined,
    OnboardingStatus: m.onboardingStatus,
    ExposureLevel: m.exposureLevel,
    AssetValue: m.deviceValue,
    SensorHealthState: m.healthStatus,
  }));
}

function serviceSource(alert: SimAlert): string {
  return alert.detectionSource === 'WindowsDefenderAv' ? 'Microsoft Defender Antivirus' : 'Microsoft Defender for Endpoint';
}

function alertInfo(alerts: SimAlert[]): Row[] {
  return alerts.map((a) => ({
    Timestamp: a.alertCreationTime,
    AlertId: a.id,
    Title: a.title,
    Category: a.category,
    Severity: a.severity,
    ServiceSource: serviceSource(a),
    DetectionSource: a.detectionSource === 'WindowsDefenderAv' ? 'Antivirus' : 'EDR',
    AttackTechniques: JSON.stringify(a.mitreTechniques),
  }));
}

function alertEvidence(alerts: SimAlert[]): Row[] {
  const rows: Row[] = [];
  for (const a of alerts) {
    const common = {
      Timestamp: a.alertCreationTime, AlertId: a.id, Title: a.title, Categories: JSON.stringify([a.category]),
      Severity: a.severity, ServiceSource: serviceSource(a),
    };
    const empty = { FileName: null, FolderPath: null, SHA1: null, SHA256: null, ProcessCommandLine: null, AccountName: null, AccountDomain: null, RemoteIP: null, RemoteUrl: null };
    // Every MDE alert names its device as impacted evidence.
    rows.push({ ...common, ...empty, EntityType: 'Machine', EvidenceRole: 'Impacted', DeviceId: a.machineId, DeviceName: a.computerDnsName });
    for (const e of a.evidence) {
      rows.push({
        ...common,
        EntityType: e.entityType,
        EvidenceRole: 'Related',
        DeviceId: a.machineId,
        DeviceName: a.computerDnsName,
        FileName: e.fileName,
        FolderPath: e.filePath,
        SHA1: e.sha1,
        SHA256: e.sha256,
        ProcessCommandLine: e.processCommandLine,
        AccountName: e.accountName,
        AccountDomain: e.domainName,
        RemoteIP: e.ipAddress,
        RemoteUrl: e.url,
      });
    }
  }
  return rows;
}

function processEvents(machines: SimMachine[], alerts: SimAlert[], nowMs: number): Row[] {
  const rows: Row[] = [];
  machines.forEach((m, machineIndex) => {
    ROUTINE_PROCESSES.forEach((p, i) => {
      rows.push({
        Timestamp: new Date(nowMs - (i + 1) * 3_600_000 - machineIndex * 60_000).toISOString(),
        DeviceId: m.id,
        DeviceName: m.computerDnsName,
        ActionType: 'ProcessCreated',
        ...p,
        ProcessId: 1000 + machineIndex * 10 + i,
        ReportId: 10_000 + machineIndex * 10 + i,
      });
    });
  });
  // The process behind each alert, so hunting for it finds the alerted machines.
  for (const a of alerts) {
    for (const e of a.evidence.filter((ev) => ev.entityType === 'Process')) {
      rows.push({
        Timestamp: e.processCreationTime ?? a.firstEventTime,
        DeviceId: a.machineId,
        DeviceName: a.computerDnsName,
        ActionType: 'ProcessCreated',
        FileName: e.fileName,
        FolderPath: e.filePath,
        ProcessCommandLine: e.processCommandLine,
        ProcessId: e.processId,
        AccountName: e.accountName,
        InitiatingProcessFileName: e.parentProcessFileName,
        ReportId: e.processId === null ? null : 50_000 + e.processId,
      });
    }
  }
  return rows;
}

/**
 * The tables a query can read, limited to rows whose Timestamp falls in [fromMs, toMs]
 * (the retention window, or Graph's Timespan).
 */
export function huntingTables(
  state: { machines: SimMachine[]; alerts: SimAlert[] },
  nowMs: number,
  window: { fromMs: number; toMs: number } = { fromMs: nowMs - RETENTION_MS, toMs: Number.POSITIVE_INFINITY },
): Record<string, HuntingTable> {
  const fromMs = Math.max(window.fromMs, nowMs - RETENTION_MS);
  const inWindow = (rows: Row[]) =>
    rows.filter((r) => {
      const at = Date.parse(String(r.Timestamp));
      return at >= fromMs && at <= window.toMs;
    });
  return {
    DeviceInfo: { columns: DEVICE_INFO, rows: inWindow(deviceInfo(state.machines)) },
    AlertInfo: { columns: ALERT_INFO, rows: inWindow(alertInfo(state.alerts)) },
    AlertEvidence: { columns: ALERT_EVIDENCE, rows: inWindow(alertEvidence(state.alerts)) },
    DeviceProcessEvents: { columns: PROCESS_EVENTS, rows: inWindow(processEvents(state.machines, state.alerts, nowMs)) },
  };
}
