/**
 * The machine actions of B.7 besides isolation — release from isolation, antivirus scan,
 * investigation package, restrict / unrestrict app execution, stop and quarantine a file — and
 * machine tags, and offboarding. One declaration each, built from one shape: Defender connection, machine, comment
 * (MDE requires one) and the action's own fields.
 */
import { z } from 'zod';
import { connectionParam, defenderStep, MACHINE_ACTION_OUTPUT_FIELDS, meta, requiredText, waitUntilDoneParams } from './fields';
import type { NodeTypeDef } from './types';

const machineParam = () =>
  requiredText({ title: 'Machine ID', description: 'Device id (or computer name), e.g. {{ trigger.machineId }}.', widget: 'text' });
const commentParam = () => requiredText({ title: 'Comment', description: 'Shown in the Defender action center; say why.', widget: 'multiline' });

function machineAction(spec: {
  type: string;
  title: string;
  description: string;
  icon: string;
  permission: string;
  extra?: Record<string, z.ZodType>;
}): NodeTypeDef {
  return defenderStep({
    type: spec.type,
    title: spec.title,
    description: spec.description,
    icon: spec.icon,
    params: z.object({ connectionId: connectionParam('Defender'), machineId: machineParam(), comment: commentParam(), ...spec.extra, ...waitUntilDoneParams() }),
    outputFields: MACHINE_ACTION_OUTPUT_FIELDS,
    permission: spec.permission,
    sideEffect: true,
    completesAsync: true,
  });
}

export const defenderUnisolateMachine = machineAction({
  type: 'defender.unisolateMachine',
  title: 'Release from isolation',
  description: 'Reconnects an isolated device to the network. If a release is already pending it is reported, not repeated.',
  icon: 'shield-search',
  permission: 'Machine.Isolate',
});

export const defenderRunAntivirusScan = machineAction({
  type: 'defender.runAntivirusScan',
  title: 'Run antivirus scan',
  description: 'Starts a Microsoft Defender Antivirus scan on the device (Quick or Full).',
  icon: 'shield-search',
  permission: 'Machine.Scan',
  extra: { scanType: meta(z.enum(['Quick', 'Full']).default('Quick'), { title: 'Scan type', widget: 'enum' }) },
});

export const defenderCollectInvestigationPackage = machineAction({
  type: 'defender.collectInvestigationPackage',
  title: 'Collect investigation package',
  description: 'Collects forensic data from the device into a package you can download from Defender.',
  icon: 'box',
  permission: 'Machine.CollectForensics',
});

export const defenderRestrictAppExecution = machineAction({
  type: 'defender.restrictAppExecution',
  title: 'Restrict app execution',
  description: 'Lets only Microsoft-signed applications run on the device.',
  icon: 'shield-ban',
  permission: 'Machine.RestrictExecution',
});

export const defenderUnrestrictAppExecution = machineAction({
  type: 'defender.unrestrictAppExecution',
  title: 'Remove app restriction',
  description: 'Lifts an app execution restriction from the device.',
  icon: 'shield-search',
  permission: 'Machine.RestrictExecution',
});

export const defenderStopAndQuarantineFile = machineAction({
  type: 'defender.stopAndQuarantineFile',
  title: 'Stop and quarantine file',
  description: 'Stops the processes running a file and quarantines it on the device (SHA-1 only, as Defender supports).',
  icon: 'shield-ban',
  permission: 'Machine.StopAndQuarantine',
  extra: {
    sha1: meta(z.string().trim().regex(/^[0-9a-fA-F]{40}$/, 'A SHA-1 is 40 hexadecimal characters'), {
      title: 'File SHA-1',
      description: 'e.g. {{ trigger.evidence[0].sha1 }}',
      widget: 'text',
    }),
  },
});

export const defenderOffboardMachine = machineAction({
  type: 'defender.offboardMachine',
  title: 'Offboard machine',
  description:
    'DANGEROUS: stops the Defender sensor on the device, so it is no longer protected or visible; ' +
    'only a new onboarding brings it back. Windows only.',
  icon: 'shield-ban',
  permission: 'Machine.Offboard',
});

export const defenderTagMachine = {
  type: 'defender.tagMachine',
  title: 'Tag machine',
  description: 'Adds a tag to a device, or removes one (e.g. to put it in a device group or mark it as handled).',
  category: 'Microsoft Defender',
  icon: 'box',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    machineId: machineParam(),
    tag: requiredText({ title: 'Tag', description: 'e.g. riposte-contained', widget: 'text' }),
    action: meta(z.enum(['Add', 'Remove']).default('Add'), { title: 'Add or remove', widget: 'enum' }),
  }),
  connectionKind: 'defender',
  outputFields: [
    { path: 'id', label: 'Machine ID', type: 'string' },
    { path: 'computerDnsName', label: 'Machine name', type: 'string' },
    { path: 'machineTags', label: 'Machine tags', type: 'array' },
  ],
  permission: 'Machine.ReadWrite.All',
  sideEffect: true,
} satisfies NodeTypeDef;

export const MACHINE_ACTION_DEFS: readonly NodeTypeDef[] = [
  defenderUnisolateMachine,
  defenderRunAntivirusScan,
  defenderCollectInvestigationPackage,
  defenderRestrictAppExecution,
  defenderUnrestrictAppExecution,
  defenderStopAndQuarantineFile,
  defenderTagMachine,
  defenderOffboardMachine,
];
