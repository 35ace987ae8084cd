/**
 * Reading around a device (B.7 and the machine pages of the MDE API): find devices by tag or by
 * the internal IP they had at a time, a device's logged-on users, alerts, installed software and
 * vulnerabilities, and the machine-action list. Read-only: no side effects.
 */
import { z } from 'zod';
import { ALERT_OUTPUT_FIELDS, blankToUndefined, connectionParam, defenderStep, listLimitParam, listOf, listOutputFields, meta, odataFilterParam, requiredText } from './fields';
import { MACHINE_OUTPUT_FIELDS } from './defender-reads';
import type { NodeTypeDef, OutputField } from './types';

const machineParam = () => requiredText({ title: 'Machine ID', description: 'Device id (or computer name), e.g. {{ trigger.machineId }}.', widget: 'text' });


export const LOGON_USER_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'User ID (domain\\name)', type: 'string' },
  { path: 'accountName', label: 'Account name', type: 'string' },
  { path: 'accountDomain', label: 'Account domain', type: 'string' },
  { path: 'firstSeen', label: 'First seen', type: 'datetime' },
  { path: 'lastSeen', label: 'Last seen', type: 'datetime' },
  { path: 'logonTypes', label: 'Logon types', type: 'string' },
  { path: 'isDomainAdmin', label: 'Is domain admin', type: 'boolean' },
  { path: 'isOnlyNetworkUser', label: 'Only network logons', type: 'boolean' },
];

export const SOFTWARE_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'Software ID', type: 'string' },
  { path: 'name', label: 'Name', type: 'string' },
  { path: 'vendor', label: 'Vendor', type: 'string' },
  { path: 'weaknesses', label: 'Weaknesses (CVEs)', type: 'number' },
  { path: 'publicExploit', label: 'Has public exploit', type: 'boolean' },
  { path: 'activeAlert', label: 'Has active alert', type: 'boolean' },
  { path: 'exposedMachines', label: 'Exposed devices', type: 'number' },
  { path: 'impactScore', label: 'Impact score', type: 'number' },
];

export const VULNERABILITY_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'CVE', type: 'string' },
  { path: 'name', label: 'Name', type: 'string' },
  { path: 'description', label: 'Description', type: 'string' },
  { path: 'severity', label: 'Severity', type: 'string' },
  { path: 'cvssV3', label: 'CVSS v3', type: 'number' },
  { path: 'exposedMachines', label: 'Exposed devices', type: 'number' },
  { path: 'publishedOn', label: 'Published', type: 'datetime' },
  { path: 'updatedOn', label: 'Updated', type: 'datetime' },
  { path: 'publicExploit', label: 'Has public exploit', type: 'boolean' },
  { path: 'exploitVerified', label: 'Exploit verified', type: 'boolean' },
  { path: 'exploitInKit', label: 'Exploit in kit', type: 'boolean' },
  { path: 'exploitTypes', label: 'Exploit types', type: 'array' },
];

export const defenderFindMachinesByTag = defenderStep({
  type: 'defender.findMachinesByTag',
  title: 'Find machines by tag',
  description: 'Devices carrying a tag (or, with "Starts with", any tag beginning with it).',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    tag: requiredText({ title: 'Tag', description: 'e.g. riposte-contained', widget: 'text' }),
    useStartsWithFilter: meta(z.boolean().default(false), { title: 'Starts with', description: 'Match every tag that begins with this text.', widget: 'boolean' }),
    top: listLimitParam(),
  }),
  outputFields: listOf('Machines', MACHINE_OUTPUT_FIELDS),
  permission: 'Machine.Read.All',
});

export const defenderFindMachinesByIp = defenderStep({
  type: 'defender.findMachinesByIp',
  title: 'Find machines by IP',
  description: 'Devices seen with an internal IP within 15 minutes before or after a time (at most 30 days ago).',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    ip: requiredText({ title: 'Internal IP address', description: 'IPv4 or IPv6, e.g. {{ trigger.evidence[0].ipAddress }}', widget: 'text' }),
    timestamp: meta(z.preprocess(blankToUndefined, z.iso.datetime({ offset: true, message: 'An ISO 8601 date and time, e.g. 2026-01-31T08:44:05Z' }).optional()), {
      title: 'Seen at',
      description: 'e.g. {{ trigger.alertCreationTime }}. Empty: now.',
      widget: 'text',
    }),
  }),
  outputFields: listOf('Machines', MACHINE_OUTPUT_FIELDS),
  permission: 'Machine.Read.All',
});

export const defenderGetLogonUsers = defenderStep({
  type: 'defender.getLogonUsers',
  title: 'Get logged-on users',
  description: 'Accounts that logged on to the device: logon types, first / last seen, domain admin or not.',
  icon: 'shield-search',
  params: z.object({ connectionId: connectionParam('Defender'), machineId: machineParam() }),
  outputFields: listOf('Users', LOGON_USER_OUTPUT_FIELDS),
  permission: 'User.Read.All',
});

export const defenderListMachineAlerts = defenderStep({
  type: 'defender.listMachineAlerts',
  title: 'List machine alerts',
  description: 'Every alert on one device (all pages).',
  icon: 'shield-alert',
  params: z.object({ connectionId: connectionParam('Defender'), machineId: machineParam(), top: listLimitParam() }),
  outputFields: listOf('Alerts', ALERT_OUTPUT_FIELDS.filter((f) => !f.path.includes('.'))),
  permission: 'Alert.Read.All',
});

export const defenderGetMachineSoftware = defenderStep({
  type: 'defender.getMachineSoftware',
  title: 'Get installed software',
  description: 'Software installed on the device, with its known weaknesses, public exploits and impact score.',
  icon: 'box',
  params: z.object({ connectionId: connectionParam('Defender'), machineId: machineParam() }),
  outputFields: listOf('Software', SOFTWARE_OUTPUT_FIELDS),
  permission: 'Software.Read.All',
});

export const defenderGetMachineVulnerabilities = defenderStep({
  type: 'defender.getMachineVulnerabilities',
  title: 'Get machine vulnerabilities',
  description: 'CVEs found on the device: severity, CVSS v3, whether an exploit is public or verified.',
  icon: 'shield-alert',
  params: z.object({ connectionId: connectionParam('Defender'), machineId: machineParam() }),
  outputFields: listOf('Vulnerabilities', VULNERABILITY_OUTPUT_FIELDS),
  permission: 'Vulnerability.Read.All',
});

export const defenderListMachineActions = defenderStep({
  type: 'defender.listMachineActions',
  title: 'List machine actions',
  description: 'Machine actions by an OData filter (machine, type, status, requestor, time), reading every page.',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    filter: odataFilterParam("machineId eq '{{ trigger.machineId }}' and status eq 'Pending'"),
    top: listLimitParam(),
  }),
  outputFields: listOutputFields('Machine actions'),
  permission: 'Machine.Read.All',
});

export const MACHINE_READ_DEFS: readonly NodeTypeDef[] = [
  defenderFindMachinesByTag,
  defenderFindMachinesByIp,
  defenderGetLogonUsers,
  defenderListMachineAlerts,
  defenderGetMachineSoftware,
  defenderGetMachineVulnerabilities,
  defenderListMachineActions,
];
