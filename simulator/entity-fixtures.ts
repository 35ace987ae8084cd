// The File and User entities (get-file-information.md, get-alert-related-user-info.md) derived from
// the simulator's alerts: a file is known once an alert has it as File evidence, and its details
// follow from that evidence, so every answer agrees with the alerts the simulator served.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { isVendorBinary } from './alert-fixtures';
import type { SimState } from './state';
import type { SimAlert, SimEvidence } from './types';

/** A number from a hash, for stable "random" details (size, prevalence) per file. */
function hashNumber(hex: string, min: number, max: number): number {
  return min + (parseInt(hex.slice(0, 8), 16) % (max - min + 1));
}

function signerOf(filePath: string): { publisher: string; product: string; issuer: string } | null {
  if (/\\Google\\/i.test(filePath)) return { publisher: 'Google LLC', product: 'Google Chrome', issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1' };
  if (isVendorBinary(filePath)) return { publisher: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', issuer: 'Microsoft Windows Production PCA 2011' };
  return null;
}

export interface KnownFile {
  evidence: SimEvidence;
  alerts: SimAlert[];
}

/** Every file the alerts carry as File evidence, by lowercase SHA-1 and SHA-256. */
export function knownFiles(state: SimState): Map<string, KnownFile> {
  const files = new Map<string, KnownFile>();
  for (const alert of state.alerts) {
    for (const evidence of alert.evidence) {
      if (evidence.entityType !== 'File' || !evidence.sha1) continue;
      const entry = files.get(evidence.sha1) ?? { evidence, alerts: [] };
      if (!entry.alerts.includes(alert)) entry.alerts.push(alert);
      files.set(evidence.sha1, entry);
      if (evidence.sha256) files.set(evidence.sha256, entry);
    }
  }
  return files;
}

export function findFile(state: SimState, hash: string): KnownFile | undefined {
  return knownFiles(state).get(hash.toLowerCase());
}

export function fileEntity(file: KnownFile) {
  const { evidence, alerts } = file;
  const sha1 = evidence.sha1 ?? '';
  const signer = signerOf(evidence.filePath ?? '');
  const threat = alerts.find((a) => a.threatName !== null);
  const firstAlert = Math.min(...alerts.map((a) => Date.parse(a.firstEventTime)));
  const lastAlert = Math.max(...alerts.map((a) => Date.parse(a.lastEventTime)));
  const isPe = /\.(exe|dll|sys|scr)$/i.test(evidence.fileName ?? '');
  return {
    sha1,
    sha256: evidence.sha256,
    md5: createHash('md5').update(sha1).digest('hex'),
    // Microsoft binaries are everywhere; a malware sample has been seen a handful of times.
    globalPrevalence: signer ? hashNumber(sha1, 100_000, 9_000_000) : hashNumber(sha1, 1, 60),
    globalFirstObserved: new Date(firstAlert - hashNumber(sha1, 1, 900) * 86_400_000).toISOString(),
    globalLastObserved: new Date(lastAlert).toISOString(),
    size: hashNumber(sha1.slice(8), 24_576, 4_194_304),
    fileType: isPe ? 'PortableExecutable' : null,
    isPeFile: isPe,
    filePublisher: signer?.publisher ?? null,
    fileProductName: signer?.product ?? null,
    signer: signer?.publisher ?? null,
    issuer: signer?.issuer ?? null,
    signerHash: signer ? createHash('sha1').update(signer.publisher).digest('hex') : null,
    isValidCertificate: signer !== null,
    determinationType: threat ? 'Malware' : 'Unknown',
    determinationValue: threat?.threatName ?? null,
  };
}

/** Distinct values, first seen first. */
const distinct = (values: string[]) => [...new Set(values)];

export function alertIps(alert: SimAlert): string[] {
  return distinct(alert.evidence.filter((e) => e.entityType === 'Ip' && e.ipAddress).map((e) => e.ipAddress as string));
}

/** Hosts of the alert's Url evidence, except bare IP addresses (those are IPs, not domains). */
export function alertDomains(alert: SimAlert): string[] {
  const hosts = alert.evidence.flatMap((e) => {
    if (e.entityType !== 'Url' || !e.url) return [];
    try {
      return [new URL(e.url).hostname.toLowerCase()];
    } catch {
      return [];
    }
  });
  return distinct(hosts.filter((h) => isIP(h) === 0));
}

/** The user of an alert (its relatedUser), with what the simulator's alerts tell about them. */
export function alertUser(state: SimState, alert: SimAlert) {
  const user = alert.relatedUser;
  if (!user) return null;
  const sameUser = state.alerts.filter((a) => a.relatedUser?.userName === user.userName && a.relatedUser.domainName === user.domainName);
  const machines = distinct(sameUser.map((a) => a.machineId));
  const sid = alert.evidence.find((e) => e.accountName === user.userName && e.userSid)?.userSid ?? null;
  const machine = state.machines.find((m) => m.id === alert.machineId);
  const lastSeen = Math.max(...sameUser.map((a) => Date.parse(a.lastEventTime)));
  const service = user.userName.startsWith('svc-');
  return {
    id: `${user.domainName.toLowerCase()}\\${user.userName}`,
    accountName: user.userName,
    accountDomain: user.domainName.toLowerCase(),
    accountSid: sid,
    firstSeen: machine?.firstSeen ?? alert.firstEventTime,
    lastSeen: new Date(lastSeen).toISOString(),
    mostPrevalentMachineId: machines[0] ?? null,
    leastPrevalentMachineId: machines.at(-1) ?? null,
    // A service account (svc-backup) logs on as a service and, as such accounts often are, is a domain admin.
    logonTypes: service ? 'Service' : 'Interactive',
    logOnMachinesCount: machines.length,
    isDomainAdmin: service,
    isOnlyNetworkUser: false,
  };
}
