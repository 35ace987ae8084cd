/**
 * Remediation activities (A.2 #26-28, preview): the vulnerability-management tasks the SOC opened
 * (update, uninstall, configuration change), read-only. Fields follow the public docs, which name
 * the creator requesterId / requesterEmail (there are no createdBy* fields).
 */
import { z } from 'zod';
import { connectionParam, defenderStep, listLimitParam, listOf, odataFilterParam, requiredText } from './fields';
import type { NodeTypeDef, OutputField } from './types';

const REMEDIATION_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'Activity ID', type: 'string' },
  { path: 'title', label: 'Title', type: 'string' },
  { path: 'description', label: 'Description', type: 'string' },
  { path: 'status', label: 'Status', type: 'string' },
  { path: 'type', label: 'Type', type: 'string' },
  { path: 'category', label: 'Category', type: 'string' },
  { path: 'priority', label: 'Priority', type: 'string' },
  { path: 'relatedComponent', label: 'Related component', type: 'string' },
  { path: 'createdOn', label: 'Created', type: 'datetime' },
  { path: 'dueOn', label: 'Due', type: 'datetime' },
  { path: 'statusLastModifiedOn', label: 'Status changed', type: 'datetime' },
  { path: 'requesterEmail', label: 'Requested by (email)', type: 'string' },
  { path: 'requesterId', label: 'Requested by (ID)', type: 'string' },
  { path: 'targetDevices', label: 'Target devices', type: 'number' },
  { path: 'fixedDevices', label: 'Fixed devices', type: 'number' },
  { path: 'rbacGroupNames', label: 'Device groups', type: 'array' },
  { path: 'productId', label: 'Product ID', type: 'string' },
  { path: 'vendorId', label: 'Vendor ID', type: 'string' },
];

const activityParams = () =>
  z.object({
    connectionId: connectionParam('Defender'),
    activityId: requiredText({ title: 'Activity ID', description: 'e.g. {{ list_remediation.value[0].id }}', widget: 'text' }),
  });

export const defenderListRemediationTasks = defenderStep({
  type: 'defender.listRemediationTasks',
  title: 'List remediation activities',
  description: 'Vulnerability remediation activities (preview), filtered with OData on status or createdOn.',
  icon: 'shield-search',
  params: z.object({ connectionId: connectionParam('Defender'), filter: odataFilterParam("status eq 'Active'"), top: listLimitParam() }),
  outputFields: listOf('Activities', REMEDIATION_OUTPUT_FIELDS.filter((f) => ['id', 'title', 'status', 'priority', 'dueOn'].includes(f.path))),
  permission: 'RemediationTasks.Read.All',
});

export const defenderGetRemediationTask = defenderStep({
  type: 'defender.getRemediationTask',
  title: 'Get remediation activity',
  description: 'Reads one remediation activity (preview): status, due date, devices targeted and fixed.',
  icon: 'shield-search',
  params: activityParams(),
  outputFields: REMEDIATION_OUTPUT_FIELDS,
  permission: 'RemediationTasks.Read.All',
});

export const defenderListRemediationTaskMachines = defenderStep({
  type: 'defender.listRemediationTaskMachines',
  title: 'List remediation machines',
  description: 'The devices a remediation activity targets (preview): id, name, OS, device group.',
  icon: 'shield-search',
  params: activityParams(),
  outputFields: listOf('Machines', [
    { path: 'id', label: 'Machine ID', type: 'string' },
    { path: 'computerDnsName', label: 'Machine name', type: 'string' },
    { path: 'osPlatform', label: 'OS platform', type: 'string' },
    { path: 'rbacGroupName', label: 'Device group', type: 'string' },
  ]),
  permission: 'RemediationTasks.Read.All',
});

export const REMEDIATION_DEFS: readonly NodeTypeDef[] = [defenderListRemediationTasks, defenderGetRemediationTask, defenderListRemediationTaskMachines];
