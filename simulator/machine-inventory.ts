// What Defender knows is on each simulated device: who logs on, what software is installed and
// which CVEs that software has (TVM). Derived from the device itself (id, OS, role, department)
// instead of the shared random source, so adding these views leaves the fleet unchanged.
import type { SimAlert, SimMachine } from './types';

interface SoftwareDef {
  id: string;
  name: string;
  vendor: string;
  /** Which devices have it: every one of the OS family, or one in `every` by id. */
  os: 'windows' | 'linux';
  every: number;
}

interface VulnerabilityDef {
  id: string;
  softwareId: string;
  description: string;
  severity: 'Low' | 'Medium' | 'High' | 'Critical';
  cvssV3: number;
  publishedOn: string;
  publicExploit: boolean;
  exploitVerified: boolean;
  exploitInKit: boolean;
  exploitTypes: string[];
}

const SOFTWARE: SoftwareDef[] = [
  { id: 'microsoft-_-windows', name: 'windows', vendor: 'microsoft', os: 'windows', every: 1 },
  { id: 'microsoft-_-edge_chromium-based', name: 'edge_chromium-based', vendor: 'microsoft', os: 'windows', every: 1 },
  { id: 'microsoft-_-.net_framework', name: '.net_framework', vendor: 'microsoft', os: 'windows', every: 1 },
  { id: 'google-_-chrome', name: 'chrome', vendor: 'google', os: 'windows', every: 2 },
  { id: 'adobe-_-acrobat_reader_dc', name: 'acrobat_reader_dc', vendor: 'adobe', os: 'windows', every: 2 },
  { id: 'igor_pavlov-_-7-zip', name: '7-zip', vendor: 'igor_pavlov', os: 'windows', every: 3 },
  { id: 'simon_tatham-_-putty', name: 'putty', vendor: 'simon_tatham', os: 'windows', every: 4 },
  { id: 'mozilla-_-firefox', name: 'firefox', vendor: 'mozilla', os: 'windows', every: 5 },
  { id: 'canonical-_-ubuntu_linux', name: 'ubuntu_linux', vendor: 'canonical', os: 'linux', every: 1 },
  { id: 'openbsd-_-openssh', name: 'openssh', vendor: 'openbsd', os: 'linux', every: 1 },
  { id: 'openssl-_-openssl', name: 'openssl', vendor: 'openssl', os: 'linux', every: 1 },
];

const noExploit = { publicExploit: false, exploitVerified: false, exploitInKit: false, exploitTypes: [] };
const VULNERABILITIES: VulnerabilityDef[] = [
  { id: 'CVE-2024-38063', softwareId: 'microsoft-_-windows', description: 'Windows TCP/IP remote code execution vulnerability (IPv6 packets).', severity: 'Critical', cvssV3: 9.8, publishedOn: '2024-08-13T00:00:00Z', ...noExploit, publicExploit: true, exploitTypes: ['RemoteCodeExecution'] },
  { id: 'CVE-2024-38112', softwareId: 'microsoft-_-windows', description: 'Windows MSHTML platform spoofing vulnerability.', severity: 'High', cvssV3: 7.5, publishedOn: '2024-07-09T00:00:00Z', publicExploit: true, exploitVerified: true, exploitInKit: false, exploitTypes: ['SecurityFeatureBypass'] },
  { id: 'CVE-2024-4671', softwareId: 'google-_-chrome', description: 'Use after free in Visuals in Google Chrome allows a remote attacker to escape the sandbox via a crafted HTML page.', severity: 'High', cvssV3: 9.6, publishedOn: '2024-05-14T00:00:00Z', publicExploit: true, exploitVerified: true, exploitInKit: false, exploitTypes: ['RemoteCodeExecution'] },
  { id: 'CVE-2023-4863', softwareId: 'google-_-chrome', description: 'Heap buffer overflow in libwebp allows a remote attacker to write out of bounds memory via a crafted HTML page.', severity: 'High', cvssV3: 8.8, publishedOn: '2023-09-12T00:00:00Z', publicExploit: true, exploitVerified: true, exploitInKit: true, exploitTypes: ['RemoteCodeExecution'] },
  { id: 'CVE-2023-21608', softwareId: 'adobe-_-acrobat_reader_dc', description: 'Use-after-free in Acrobat Reader that could result in arbitrary code execution when a malicious file is opened.', severity: 'High', cvssV3: 7.8, publishedOn: '2023-01-18T00:00:00Z', ...noExploit, publicExploit: true, exploitTypes: ['RemoteCodeExecution'] },
  { id: 'CVE-2022-29072', softwareId: 'igor_pavlov-_-7-zip', description: '7-Zip on Windows allows privilege escalation through the Help file when a file with the .7z extension is dropped on the Help > Contents area.', severity: 'High', cvssV3: 7.8, publishedOn: '2022-04-15T00:00:00Z', ...noExploit, publicExploit: true, exploitTypes: ['PrivilegeEscalation'] },
  { id: 'CVE-2024-31497', softwareId: 'simon_tatham-_-putty', description: 'Biased ECDSA nonce generation in PuTTY allows recovery of a NIST P-521 private key from about 60 signatures.', severity: 'Medium', cvssV3: 5.9, publishedOn: '2024-04-15T00:00:00Z', ...noExploit, publicExploit: true },
  { id: 'CVE-2024-9680', softwareId: 'mozilla-_-firefox', description: 'Use-after-free in Animation timelines in Firefox, exploited in the wild, allows code execution in the content process.', severity: 'Critical', cvssV3: 9.8, publishedOn: '2024-10-09T00:00:00Z', publicExploit: true, exploitVerified: true, exploitInKit: false, exploitTypes: ['RemoteCodeExecution'] },
  { id: 'CVE-2024-6387', softwareId: 'openbsd-_-openssh', description: 'A signal handler race condition in OpenSSH server (sshd) may allow unauthenticated remote code execution as root (regreSSHion).', severity: 'High', cvssV3: 8.1, publishedOn: '2024-07-01T00:00:00Z', ...noExploit, publicExploit: true, exploitTypes: ['RemoteCodeExecution'] },
  { id: 'CVE-2023-5678', softwareId: 'openssl-_-openssl', description: 'Generating or checking excessively long X9.42 DH keys or parameters may be very slow (denial of service).', severity: 'Medium', cvssV3: 5.3, publishedOn: '2023-11-06T00:00:00Z', ...noExploit },
];

const FIRST_NAMES = ['anna', 'ben', 'carla', 'david', 'elif', 'frank', 'grace', 'hugo', 'ines', 'jonas', 'kim', 'lena'];
const LAST_NAMES = ['meyer', 'novak', 'okafor', 'park', 'quinn', 'rossi', 'silva', 'tanaka', 'umar', 'vogel'];

/** A stable number from the device id (hex), so each device keeps its own inventory. */
function seed(machine: SimMachine, offset: number): number {
  return parseInt(machine.id.slice(offset, offset + 6), 16) || 0;
}

const isLinux = (m: SimMachine) => m.osPlatform === 'Linux';
const hasSoftware = (m: SimMachine, s: SoftwareDef) => (s.os === 'linux') === isLinux(m) && seed(m, 0) % s.every === 0;

export function logonUsersOf(machine: SimMachine) {
  const server = machine.machineTags.includes('server');
  const first = FIRST_NAMES[seed(machine, 6) % FIRST_NAMES.length];
  const last = LAST_NAMES[seed(machine, 12) % LAST_NAMES.length];
  const domain = 'contoso';
  const user = (accountName: string, logonTypes: string, isDomainAdmin: boolean, isOnlyNetworkUser: boolean, daysAgo: number) => ({
    id: `${domain}\\${accountName}`,
    accountName,
    accountDomain: domain,
    firstSeen: new Date(Math.max(Date.parse(machine.firstSeen), Date.parse(machine.lastSeen) - daysAgo * 86_400_000)).toISOString(),
    lastSeen: machine.lastSeen,
    logonTypes,
    isDomainAdmin,
    isOnlyNetworkUser,
  });
  if (server) return [user(`adm-${last}`, 'RemoteInteractive', true, false, 90), user('svc-backup', 'Network', false, true, 200)];
  return [user(`${first}.${last}`, 'Interactive', false, false, 120), user('helpdesk', 'RemoteInteractive', false, false, 14)];
}

function vulnerabilitiesOfSoftware(softwareId: string) {
  return VULNERABILITIES.filter((v) => v.softwareId === softwareId);
}

export function softwareOf(machine: SimMachine, fleet: SimMachine[], alerts: SimAlert[]) {
  const activeAlert = alerts.some((a) => a.machineId === machine.id && a.status !== 'Resolved');
  return SOFTWARE.filter((s) => hasSoftware(machine, s)).map((s) => {
    const vulns = vulnerabilitiesOfSoftware(s.id);
    return {
      id: s.id,
      name: s.name,
      vendor: s.vendor,
      weaknesses: vulns.length,
      publicExploit: vulns.some((v) => v.publicExploit),
      activeAlert: activeAlert && vulns.length > 0,
      exposedMachines: vulns.length === 0 ? 0 : fleet.filter((m) => hasSoftware(m, s)).length,
      impactScore: Math.round(vulns.reduce((sum, v) => sum + v.cvssV3, 0) * 1_000_000) / 10_000_000,
    };
  });
}

export function vulnerabilitiesOf(machine: SimMachine, fleet: SimMachine[]) {
  const installed = SOFTWARE.filter((s) => hasSoftware(machine, s));
  return installed.flatMap((s) =>
    vulnerabilitiesOfSoftware(s.id).map(({ softwareId: _software, ...v }) => ({
      ...v,
      name: v.id,
      exposedMachines: fleet.filter((m) => hasSoftware(m, s)).length,
      updatedOn: v.publishedOn,
      exploitUris: [],
    })),
  );
}
