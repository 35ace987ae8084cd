/**
 * An alert's related entities (get-alert-related-*): the device and the user as single objects
 * (typed tokens), the files, IPs and domains as lists `{ value, count }` plus the plain list of
 * hashes, addresses or hosts, ready for a for each or an indicator.
 */
import { z } from 'zod';
import { connectionParam, defenderStep, listOf, requiredText } from './fields';
import { FILE_OUTPUT_FIELDS } from './defender-files';
import { MACHINE_OUTPUT_FIELDS } from './defender-reads';
import type { NodeTypeDef, OutputField } from './types';

const alertParams = () =>
  z.object({
    connectionId: connectionParam('Defender'),
    alertId: requiredText({ title: 'Alert ID', description: 'e.g. {{ trigger.id }}', widget: 'text' }),
  });

/** The related User entity (get-alert-related-user-info.md). */
export const ALERT_USER_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'User ID (domain\\name)', type: 'string' },
  { path: 'accountName', label: 'Account name', type: 'string' },
  { path: 'accountDomain', label: 'Account domain', type: 'string' },
  { path: 'accountSid', label: 'Account SID', type: 'string' },
  { path: 'firstSeen', label: 'First seen', type: 'datetime' },
  { path: 'lastSeen', label: 'Last seen', type: 'datetime' },
  { path: 'mostPrevalentMachineId', label: 'Most used machine ID', type: 'string' },
  { path: 'leastPrevalentMachineId', label: 'Least used machine ID', type: 'string' },
  { path: 'logonTypes', label: 'Logon types', type: 'string' },
  { path: 'logOnMachinesCount', label: 'Machines logged on to', type: 'number' },
  { path: 'isDomainAdmin', label: 'Is domain admin', type: 'boolean' },
  { path: 'isOnlyNetworkUser', label: 'Network logons only', type: 'boolean' },
];

export const defenderGetAlertMachine = defenderStep({
  type: 'defender.getAlertMachine',
  title: 'Get alert machine',
  description: 'Reads the device an alert was raised on: health, risk, IP, tags, device group.',
  icon: 'shield-search',
  params: alertParams(),
  outputFields: MACHINE_OUTPUT_FIELDS,
  permission: 'Machine.Read.All',
});

export const defenderGetAlertUser = defenderStep({
  type: 'defender.getAlertUser',
  title: 'Get alert user',
  description: 'Reads the user account of an alert: SID, logon types, machines used, domain admin. Fails with 404 when the alert has no user.',
  icon: 'shield-search',
  params: alertParams(),
  outputFields: ALERT_USER_OUTPUT_FIELDS,
  permission: 'User.Read.All',
});

export const defenderListAlertFiles = defenderStep({
  type: 'defender.listAlertFiles',
  title: 'List alert files',
  description: 'The files of an alert, each with hashes, signer, prevalence and Defender\'s verdict.',
  icon: 'shield-search',
  params: alertParams(),
  outputFields: [
    ...listOf('Files', FILE_OUTPUT_FIELDS),
    { path: 'sha1s', label: 'SHA-1 hashes', type: 'array' },
    { path: 'sha256s', label: 'SHA-256 hashes', type: 'array' },
  ],
  permission: 'File.Read.All',
});

export const defenderListAlertIps = defenderStep({
  type: 'defender.listAlertIps',
  title: 'List alert IPs',
  description: 'The IP addresses an alert involves (e.g. to block them with an indicator).',
  icon: 'shield-search',
  params: alertParams(),
  outputFields: [...listOf('IPs', [{ path: 'id', label: 'IP address', type: 'string' }]), { path: 'addresses', label: 'IP addresses', type: 'array' }],
  permission: 'Ip.Read.All',
});

export const defenderListAlertDomains = defenderStep({
  type: 'defender.listAlertDomains',
  title: 'List alert domains',
  description: 'The domains an alert involves (e.g. to check their prevalence or block them).',
  icon: 'shield-search',
  params: alertParams(),
  outputFields: [...listOf('Domains', [{ path: 'host', label: 'Domain', type: 'string' }]), { path: 'hosts', label: 'Domain names', type: 'array' }],
  permission: 'URL.Read.All',
});

export const ALERT_ENTITY_DEFS: readonly NodeTypeDef[] = [defenderGetAlertMachine, defenderGetAlertUser, defenderListAlertFiles, defenderListAlertIps, defenderListAlertDomains];
