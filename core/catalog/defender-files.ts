/**
 * Files by hash (reference A.3, A.2 #13): what Defender knows about a file, how prevalent it is in
 * the organisation, and the alerts and devices it appears in. The hash is checked here, so a
 * flow with a wrong value fails at publish (literal) or with a clear message (token).
 */
import { z } from 'zod';
import { ALERT_OUTPUT_FIELDS, connectionParam, defenderStep, listOf, meta } from './fields';
import { MACHINE_OUTPUT_FIELDS } from './defender-reads';
import type { NodeTypeDef, OutputField } from './types';

export const FILE_HASH_MESSAGE = 'A SHA-1 (40 hex characters) or SHA-256 (64 hex characters) hash';

/** SHA-1 or SHA-256, surrounding blanks ignored. */
export function fileHashParam() {
  return meta(z.string().trim().regex(/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, FILE_HASH_MESSAGE), {
    title: 'File hash',
    description: 'SHA-1 or SHA-256, e.g. {{ trigger.evidence[0].sha1 }}.',
    widget: 'text',
  });
}

/** Hours back for statistics: MDE's default and maximum are 30 days. */
export function lookBackHoursParam() {
  return meta(z.coerce.number().int().min(1).max(720).default(720), { title: 'Look back (hours)', description: '1–720 (30 days).', widget: 'number' });
}

const fileParams = () => z.object({ connectionId: connectionParam('Defender'), fileId: fileHashParam() });

/** The File entity (A.3 GetSingleFile). */
export const FILE_OUTPUT_FIELDS: OutputField[] = [
  { path: 'sha1', label: 'SHA-1', type: 'string' },
  { path: 'sha256', label: 'SHA-256', type: 'string' },
  { path: 'md5', label: 'MD5', type: 'string' },
  { path: 'globalPrevalence', label: 'Global prevalence', type: 'number' },
  { path: 'globalFirstObserved', label: 'First seen worldwide', type: 'datetime' },
  { path: 'globalLastObserved', label: 'Last seen worldwide', type: 'datetime' },
  { path: 'size', label: 'Size (bytes)', type: 'number' },
  { path: 'fileType', label: 'File type', type: 'string' },
  { path: 'isPeFile', label: 'Is executable (PE)', type: 'boolean' },
  { path: 'filePublisher', label: 'Publisher', type: 'string' },
  { path: 'fileProductName', label: 'Product name', type: 'string' },
  { path: 'signer', label: 'Signer', type: 'string' },
  { path: 'issuer', label: 'Certificate issuer', type: 'string' },
  { path: 'signerHash', label: 'Signer hash', type: 'string' },
  { path: 'isValidCertificate', label: 'Valid certificate', type: 'boolean' },
  { path: 'determinationType', label: 'Verdict type', type: 'string' },
  { path: 'determinationValue', label: 'Verdict (threat name)', type: 'string' },
];

/** Organisation prevalence fields shared by file, IP and domain statistics. */
export const ORG_PREVALENCE_FIELDS: OutputField[] = [
  { path: 'organizationPrevalence', label: 'Devices in the organisation', type: 'number' },
  { path: 'orgFirstSeen', label: 'First seen in the organisation', type: 'datetime' },
  { path: 'orgLastSeen', label: 'Last seen in the organisation', type: 'datetime' },
];

export const defenderGetFile = defenderStep({
  type: 'defender.getFile',
  title: 'Get file',
  description: 'Reads a file by hash: signer, publisher, size, global prevalence and Defender\'s verdict.',
  icon: 'shield-search',
  params: fileParams(),
  outputFields: FILE_OUTPUT_FIELDS,
  permission: 'File.Read.All',
});

export const defenderGetFileStats = defenderStep({
  type: 'defender.getFileStats',
  title: 'Get file statistics',
  description: 'How many of your devices have seen a file, first and last seen, and its file names.',
  icon: 'shield-search',
  params: z.object({ connectionId: connectionParam('Defender'), fileId: fileHashParam(), lookBackHours: lookBackHoursParam() }),
  outputFields: [
    { path: 'sha1', label: 'SHA-1', type: 'string' },
    ...ORG_PREVALENCE_FIELDS,
    { path: 'globalPrevalence', label: 'Global prevalence', type: 'number' },
    { path: 'globalFirstObserved', label: 'First seen worldwide', type: 'datetime' },
    { path: 'globalLastObserved', label: 'Last seen worldwide', type: 'datetime' },
    { path: 'topFileNames', label: 'Top file names', type: 'array' },
  ],
  permission: 'File.Read.All',
});

export const defenderListFileAlerts = defenderStep({
  type: 'defender.listFileAlerts',
  title: 'List file alerts',
  description: 'The alerts a file appears in (e.g. other devices hit by the same sample).',
  icon: 'shield-alert',
  params: fileParams(),
  outputFields: listOf('Alerts', ALERT_OUTPUT_FIELDS.filter((f) => ['id', 'title', 'severity', 'status', 'machineId', 'computerDnsName', 'alertCreationTime'].includes(f.path))),
  permission: 'Alert.Read.All',
});

export const defenderListFileMachines = defenderStep({
  type: 'defender.listFileMachines',
  title: 'List file machines',
  description: 'The devices a file was seen on (e.g. to scan each of them in a for each).',
  icon: 'shield-search',
  params: fileParams(),
  outputFields: listOf('Machines', MACHINE_OUTPUT_FIELDS.filter((f) => ['id', 'computerDnsName', 'osPlatform', 'riskScore', 'rbacGroupName'].includes(f.path))),
  permission: 'Machine.Read.All',
});

export const FILE_DEFS: readonly NodeTypeDef[] = [defenderGetFile, defenderGetFileStats, defenderListFileAlerts, defenderListFileMachines];
