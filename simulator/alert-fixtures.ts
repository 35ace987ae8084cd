// Alert templates modelled on real MDE detections (titles, categories, detection
// sources and MITRE techniques as the portal shows them), so demo flows and
// conditions meet realistic data.
import { createHash } from 'node:crypto';
import { alertId, guid, pick, smallNumber, type Random } from './ids';
import type { SimAlert, SimEvidence, SimMachine } from './types';

interface AlertTemplate {
  title: string;
  description: string;
  category: string;
  severity: string;
  detectionSource: string;
  mitreTechniques: string[];
  threatFamilyName: string | null;
  process: { fileName: string; filePath: string; commandLine: string };
  /** Remote endpoints the detection saw (Ip and Url evidence; the related IPs and domains APIs read them). */
  network?: { ips: string[]; urls: string[] };
}

const TEMPLATES: readonly AlertTemplate[] = [
  {
    title: 'Suspicious PowerShell command line',
    description: 'A suspicious PowerShell activity was observed on the machine. This behavior may indicate that PowerShell was used during installation, exploration, or in some cases in lateral movement activities.',
    category: 'Execution', severity: 'Medium', detectionSource: 'WindowsDefenderAtp',
    mitreTechniques: ['T1059.001'], threatFamilyName: null,
    process: { fileName: 'powershell.exe', filePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0', commandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA' },
    network: { ips: ['198.51.100.23'], urls: ['http://cdn.fabrikam-updates.net/ps/stage2.ps1'] },
  },
  {
    title: "Ransomware behavior detected in the file system",
    description: 'A process is encrypting files and appending a new extension, which is a common ransomware behavior.',
    category: 'Ransomware', severity: 'High', detectionSource: 'WindowsDefenderAtp',
    mitreTechniques: ['T1486', 'T1490'], threatFamilyName: 'LockBit',
    process: { fileName: 'svch0st.exe', filePath: 'C:\\Users\\Public\\Libraries', commandLine: 'svch0st.exe -path C:\\Shares -ext .lockbit' },
  },
  {
    title: "'Mimikatz' credential theft tool",
    description: 'The Mimikatz credential theft tool was detected on the machine. Attackers use it to harvest credentials from memory.',
    category: 'CredentialAccess', severity: 'High', detectionSource: 'WindowsDefenderAv',
    mitreTechniques: ['T1003.001'], threatFamilyName: 'Mimikatz',
    process: { fileName: 'mimikatz.exe', filePath: 'C:\\Users\\jdoe\\Downloads', commandLine: 'mimikatz.exe "privilege::debug" "sekurlsa::logonpasswords" exit' },
  },
  {
    title: 'Suspicious LSASS process access',
    description: 'A process accessed the memory of the Local Security Authority Subsystem Service (LSASS), possibly to extract credentials.',
    category: 'CredentialAccess', severity: 'High', detectionSource: 'WindowsDefenderAtp',
    mitreTechniques: ['T1003.001'], threatFamilyName: null,
    process: { fileName: 'rundll32.exe', filePath: 'C:\\Windows\\System32', commandLine: 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 664 C:\\Temp\\out.dmp full' },
  },
  {
    title: "'Emotet' malware was detected",
    description: 'Malware of the Emotet family was detected and blocked. Emotet is a banking trojan that also delivers other malware.',
    category: 'Malware', severity: 'Medium', detectionSource: 'WindowsDefenderAv',
    mitreTechniques: ['T1204.002'], threatFamilyName: 'Emotet',
    process: { fileName: 'invoice_0423.doc.exe', filePath: 'C:\\Users\\jdoe\\AppData\\Local\\Temp', commandLine: '"C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_0423.doc.exe"' },
    network: { ips: ['203.0.113.77', '192.0.2.145'], urls: ['http://invoice-portal.contoso-billing.co/dl/0423', 'http://192.0.2.145:8080/gate'] },
  },
  {
    title: 'Suspicious scheduled task',
    description: 'A scheduled task was created that runs a binary from a user-writable location, a common persistence technique.',
    category: 'Persistence', severity: 'Low', detectionSource: 'WindowsDefenderAtp',
    mitreTechniques: ['T1053.005'], threatFamilyName: null,
    process: { fileName: 'schtasks.exe', filePath: 'C:\\Windows\\System32', commandLine: 'schtasks.exe /create /sc minute /mo 15 /tn "OneDrive Update" /tr C:\\Users\\Public\\upd.exe' },
  },
  {
    title: 'Connection to a custom network indicator',
    description: 'A connection was made to a URL or IP address that matches a custom indicator of your organization.',
    category: 'CommandAndControl', severity: 'Medium', detectionSource: 'CustomerTI',
    mitreTechniques: ['T1071.001'], threatFamilyName: null,
    process: { fileName: 'msedge.exe', filePath: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application', commandLine: '"msedge.exe" --single-argument http://update-cdn.contoso-mail.biz/a' },
    network: { ips: ['198.51.100.7'], urls: ['http://update-cdn.contoso-mail.biz/a'] },
  },
  {
    title: 'Process injection detected',
    description: 'A process injected code into another process, a technique used to evade defenses and elevate privileges.',
    category: 'DefenseEvasion', severity: 'Medium', detectionSource: 'WindowsDefenderAtp',
    mitreTechniques: ['T1055', 'T1055.012'], threatFamilyName: null,
    process: { fileName: 'notepad.exe', filePath: 'C:\\Windows\\System32', commandLine: 'notepad.exe' },
  },
  {
    title: 'Unsanctioned cloud app access was blocked',
    description: 'An attempt to access an application marked as unsanctioned was blocked by network protection.',
    category: 'SuspiciousActivity', severity: 'Informational', detectionSource: 'WindowsDefenderSmartScreen',
    mitreTechniques: [], threatFamilyName: null,
    process: { fileName: 'chrome.exe', filePath: 'C:\\Program Files\\Google\\Chrome\\Application', commandLine: '"chrome.exe" https://share.example-files.io' },
    network: { ips: ['192.0.2.10'], urls: ['https://share.example-files.io/'] },
  },
  {
    title: 'Lateral movement using remote services',
    description: 'A remote service was created on this machine from another device, which may indicate lateral movement (PsExec-like behavior).',
    category: 'LateralMovement', severity: 'High', detectionSource: 'WindowsDefenderAtp',
    mitreTechniques: ['T1021.002', 'T1569.002'], threatFamilyName: null,
    process: { fileName: 'PSEXESVC.exe', filePath: 'C:\\Windows', commandLine: 'C:\\Windows\\PSEXESVC.exe' },
  },
];

const USERS = ['jdoe', 'asmith', 'mgarcia', 'lchen', 'pkumar', 'svc-backup'] as const;

/** Files under Windows or Program Files: signed binaries shipped by the OS or a vendor. */
export function isVendorBinary(filePath: string | null): boolean {
  return /^C:\\(Windows|Program Files)/i.test(filePath ?? '');
}

function stableHash(algorithm: 'sha1' | 'sha256', fileName: string): string {
  return createHash(algorithm).update(`riposte-simulator:${fileName.toLowerCase()}`).digest('hex');
}

function hexString(random: Random, length: number): string {
  return Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
}

function emptyEvidence(entityType: string, at: string): SimEvidence {
  return {
    entityType, evidenceCreationTime: at, sha1: null, sha256: null, fileName: null, filePath: null,
    processId: null, processCommandLine: null, processCreationTime: null, parentProcessId: null,
    parentProcessCreationTime: null, parentProcessFileName: null, parentProcessFilePath: null,
    ipAddress: null, url: null, registryKey: null, registryHive: null, registryValueType: null,
    registryValue: null, accountName: null, domainName: null, userSid: null, aadUserId: null,
    userPrincipalName: null, detectionStatus: null,
  };
}

/** Ip and Url evidence for the template's remote endpoints (no randomness: other fields stay as seeded). */
function networkEvidence(template: AlertTemplate, at: string): SimEvidence[] {
  const ips = (template.network?.ips ?? []).map((ipAddress) => ({ ...emptyEvidence('Ip', at), ipAddress, detectionStatus: 'Detected' }));
  const urls = (template.network?.urls ?? []).map((url) => ({ ...emptyEvidence('Url', at), url, detectionStatus: 'Detected' }));
  return [...ips, ...urls];
}

export interface AlertOverrides {
  severity?: string;
  title?: string;
  /** Free text, e.g. a hostile payload for the XSS tests (alert text comes from outside). */
  description?: string;
  category?: string;
  machineId?: string;
  alertCreationTime?: string;
}

export function createAlert(opts: {
  machine: SimMachine;
  tenantId: string;
  now: Date;
  random: Random;
  overrides?: AlertOverrides;
}): SimAlert {
  const { machine, tenantId, random, overrides = {} } = opts;
  const created = overrides.alertCreationTime ? new Date(overrides.alertCreationTime) : opts.now;
  const picked = pick(random, TEMPLATES);
  // A title override naming a known detection gets that detection's details (its files, IPs and
  // URLs), so tests and demos can ask for one; the random draw still happens, keeping sequences stable.
  const template = TEMPLATES.find((t) => t.title === overrides.title) ?? picked;
  const user = pick(random, USERS);
  const createdIso = created.toISOString();
  // The triggering event happens shortly before the alert is raised, as in MDE.
  const eventTime = new Date(created.getTime() - smallNumber(random, 5_000, 300_000)).toISOString();
  const randomSha1 = hexString(random, 40);
  const randomSha256 = hexString(random, 64);
  // Signed system and vendor binaries have one hash everywhere (so file prevalence and "machines
  // with this file" mean something); malware gets a fresh hash per detection. Both are drawn, so
  // the random sequence is the same either way.
  const known = isVendorBinary(template.process.filePath);
  const sha1 = known ? stableHash('sha1', template.process.fileName) : randomSha1;
  const sha256 = known ? stableHash('sha256', template.process.fileName) : randomSha256;

  const file: SimEvidence = {
    ...emptyEvidence('File', createdIso),
    sha1, sha256, fileName: template.process.fileName,
    filePath: template.process.filePath, detectionStatus: 'Detected',
  };
  const proc: SimEvidence = {
    ...emptyEvidence('Process', createdIso),
    sha1, fileName: template.process.fileName, filePath: template.process.filePath,
    processId: smallNumber(random, 1000, 20000), processCommandLine: template.process.commandLine,
    processCreationTime: eventTime, parentProcessId: smallNumber(random, 500, 9000),
    parentProcessCreationTime: eventTime, parentProcessFileName: 'explorer.exe',
    parentProcessFilePath: 'C:\\Windows', accountName: user, domainName: 'CONTOSO',
    userSid: `S-1-5-21-1004336348-1177238915-682003330-${smallNumber(random, 1100, 9999)}`,
    detectionStatus: 'Detected',
  };
  const account: SimEvidence = {
    ...emptyEvidence('User', createdIso),
    accountName: user, domainName: 'CONTOSO', userPrincipalName: `${user}@contoso.com`,
    aadUserId: guid(random),
  };

  return {
    id: alertId(created, random),
    incidentId: smallNumber(random, 1000, 99_999),
    investigationId: template.detectionSource === 'WindowsDefenderAtp' ? smallNumber(random, 100, 9999) : null,
    assignedTo: null,
    severity: overrides.severity ?? template.severity,
    status: 'New',
    classification: null,
    determination: null,
    investigationState: template.detectionSource === 'WindowsDefenderAtp' ? 'Running' : 'UnsupportedAlertType',
    detectionSource: template.detectionSource,
    detectorId: guid(random),
    category: overrides.category ?? template.category,
    threatFamilyName: template.threatFamilyName,
    threatName: template.threatFamilyName ? `Trojan:Win32/${template.threatFamilyName}` : null,
    title: overrides.title ?? template.title,
    description: overrides.description ?? template.description,
    alertCreationTime: createdIso,
    firstEventTime: eventTime,
    lastEventTime: eventTime,
    lastUpdateTime: createdIso,
    resolvedTime: null,
    machineId: machine.id,
    computerDnsName: machine.computerDnsName,
    rbacGroupName: machine.rbacGroupName,
    aadTenantId: tenantId,
    relatedUser: { userName: user, domainName: 'CONTOSO' },
    mitreTechniques: template.mitreTechniques,
    comments: [],
    evidence: [file, proc, account, ...networkEvidence(template, createdIso)],
  };
}
