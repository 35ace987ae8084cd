// A believable fleet for demos: departments, OS mix and device groups as a mid-size
// Contoso tenant would show them in the Defender portal.
import { machineId, pick, smallNumber, type Random } from './ids';
import type { SimMachine } from './types';

const DEPARTMENTS = ['fin', 'hr', 'eng', 'ops', 'sales', 'it', 'legal', 'mkt'] as const;
const GROUPS: Record<string, { id: number; name: string }> = {
  ws: { id: 1012, name: 'Workstations' },
  srv: { id: 1013, name: 'Servers' },
};
const WINDOWS_BUILDS = [
  { osPlatform: 'Windows11', version: '23H2', osBuild: 22631 },
  { osPlatform: 'Windows11', version: '24H2', osBuild: 26100 },
  { osPlatform: 'Windows10', version: '22H2', osBuild: 19045 },
] as const;
const SERVER_BUILDS = [
  { osPlatform: 'WindowsServer2022', version: '21H2', osBuild: 20348 },
  { osPlatform: 'WindowsServer2019', version: '1809', osBuild: 17763 },
] as const;
const RISK = ['None', 'Low', 'Medium', 'High'] as const;
// One workstation in twelve runs Linux (developers), so Windows-only actions can be refused.
const LINUX_BUILD = { osPlatform: 'Linux', version: 'Ubuntu 22.04', osBuild: null } as const;

function mac(random: Random): string {
  return Array.from({ length: 6 }, () => smallNumber(random, 0, 255).toString(16).padStart(2, '0').toUpperCase()).join('');
}

export function createMachine(index: number, random: Random, now: Date): SimMachine {
  // Roughly one server in five, the rest workstations.
  const kind = index % 5 === 4 ? 'srv' : 'ws';
  const dept = pick(random, DEPARTMENTS);
  // The Windows build is drawn even for the Linux device, so the rest of the fleet stays the same.
  const drawn = kind === 'srv' ? pick(random, SERVER_BUILDS) : pick(random, WINDOWS_BUILDS);
  const build = index % 12 === 10 ? LINUX_BUILD : drawn;
  const host = `${kind}-${dept}-${String(index + 1).padStart(3, '0')}`;
  const ip = `10.${smallNumber(random, 1, 30)}.${smallNumber(random, 0, 255)}.${smallNumber(random, 2, 254)}`;
  const firstSeen = new Date(now.getTime() - smallNumber(random, 30, 400) * 86_400_000);
  const lastSeen = new Date(now.getTime() - smallNumber(random, 1, 20) * 3_600_000);
  return {
    id: machineId(random),
    computerDnsName: `${host}.contoso.local`,
    firstSeen: firstSeen.toISOString(),
    lastSeen: lastSeen.toISOString(),
    osPlatform: build.osPlatform,
    osVersion: null,
    osProcessor: 'x64',
    osArchitecture: '64-bit',
    version: build.version,
    osBuild: build.osBuild,
    lastIpAddress: ip,
    lastExternalIpAddress: `203.0.113.${smallNumber(random, 2, 254)}`,
    agentVersion: '10.8760.26100.3624',
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    defenderAvStatus: 'Updated',
    rbacGroupId: GROUPS[kind].id,
    rbacGroupName: GROUPS[kind].name,
    riskScore: pick(random, RISK),
    exposureLevel: pick(random, ['Low', 'Medium', 'High'] as const),
    deviceValue: kind === 'srv' ? 'High' : 'Normal',
    isAadJoined: kind === 'ws' && build !== LINUX_BUILD,
    aadDeviceId: null,
    machineTags: kind === 'srv' ? ['server', dept] : [dept],
    managedBy: 'Intune',
    isPotentialDuplication: false,
    mergedIntoMachineId: null,
    ipAddresses: [{ ipAddress: ip, macAddress: mac(random), type: 'Ethernet', operationalStatus: 'Up' }],
  };
}

export function createFleet(count: number, random: Random, now: Date): SimMachine[] {
  return Array.from({ length: count }, (_, i) => createMachine(i, random, now));
}
