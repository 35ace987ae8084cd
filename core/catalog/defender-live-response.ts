/**
 * Live response (B.7 "Run live response") as machine actions: run a script from the tenant's
 * live response library, or collect a file, and read a command's result link. Script names,
 * arguments and paths are data: sent as JSON values in Defender's command list, never run here.
 * Also the investigation package link, read after "Collect investigation package" finished.
 */
import { z } from 'zod';
import { blankToUndefined, connectionParam, defenderStep, MACHINE_ACTION_OUTPUT_FIELDS, meta, requiredText, waitUntilDoneParams } from './fields';
import type { NodeTypeDef, OutputField } from './types';

const machineParam = () => requiredText({ title: 'Machine ID', description: 'Device id (or computer name), e.g. {{ trigger.machineId }}.', widget: 'text' });
const commentParam = () => requiredText({ title: 'Comment', description: 'Shown in the Defender action center; say why.', widget: 'multiline' });
const actionIdParam = (example: string) => requiredText({ title: 'Action ID', description: `The machine action, e.g. ${example}`, widget: 'text' });

/** A live response action: the MachineAction plus the status of each command (index, commandStatus, errors). */
export const LIVE_RESPONSE_OUTPUT_FIELDS: OutputField[] = [
  ...MACHINE_ACTION_OUTPUT_FIELDS,
  { path: 'commands', label: 'Commands (index, commandStatus, errors)', type: 'array' },
];

const LINK_OUTPUT_FIELDS: OutputField[] = [{ path: 'value', label: 'Download link (expires soon)', type: 'string' }];

function liveResponseStep(spec: { type: string; title: string; description: string; icon: string; extra: Record<string, z.ZodType> }): NodeTypeDef {
  return defenderStep({
    type: spec.type,
    title: spec.title,
    description: spec.description,
    icon: spec.icon,
    params: z.object({ connectionId: connectionParam('Defender'), machineId: machineParam(), comment: commentParam(), ...spec.extra, ...waitUntilDoneParams() }),
    outputFields: LIVE_RESPONSE_OUTPUT_FIELDS,
    permission: 'Machine.LiveResponse',
    sideEffect: true,
    completesAsync: true,
  });
}

export const defenderRunLiveResponseScript = liveResponseStep({
  type: 'defender.runLiveResponseScript',
  title: 'Run live response script',
  description: 'Runs a script from the live response library on the device (one session per device; times out after 10 minutes). Read its output with "Get live response result link".',
  icon: 'box',
  extra: {
    scriptName: meta(z.string().trim().min(1, 'Required').max(260), { title: 'Script name', description: 'As uploaded to the live response library, e.g. collect-triage.ps1', widget: 'text' }),
    args: meta(z.preprocess(blankToUndefined, z.string().max(4000).optional()), { title: 'Arguments', description: 'One text value; the device splits it like a command line, so prefer ids to free alert text. Empty: none.', widget: 'text' }),
  },
});

export const defenderLiveResponseGetFile = liveResponseStep({
  type: 'defender.liveResponseGetFile',
  title: 'Collect file (live response)',
  description: 'Collects a file from the device through live response; download it with "Get live response result link".',
  icon: 'box',
  extra: {
    path: meta(z.string().trim().min(1, 'Required').max(1024), { title: 'File path', description: 'Full path on the device, e.g. {{ trigger.evidence[0].filePath }}\\{{ trigger.evidence[0].fileName }}', widget: 'text' }),
  },
});

export const defenderGetLiveResponseResultLink = defenderStep({
  type: 'defender.getLiveResponseResultLink',
  title: 'Get live response result link',
  description: 'A short-lived (30 min) download link for one command of a finished live response action.',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    actionId: actionIdParam('{{ run_script.id }}'),
    index: meta(z.coerce.number().int().min(0).max(100).default(0), { title: 'Command index', description: 'Which command of the action (0 = the first).', widget: 'number' }),
  }),
  outputFields: LINK_OUTPUT_FIELDS,
  permission: 'Machine.Read.All',
});

export const defenderGetInvestigationPackageUri = defenderStep({
  type: 'defender.getInvestigationPackageUri',
  title: 'Get investigation package download link',
  description: 'A short-lived download link for a collected investigation package. Use after "Collect investigation package" with "Wait until finished" (fails until the collection completed; Defender allows 2 calls a minute).',
  icon: 'box',
  params: z.object({ connectionId: connectionParam('Defender'), actionId: actionIdParam('{{ collect_package.id }}') }),
  outputFields: LINK_OUTPUT_FIELDS,
  permission: 'Machine.Read.All',
});

export const LIVE_RESPONSE_DEFS: readonly NodeTypeDef[] = [
  defenderRunLiveResponseScript,
  defenderLiveResponseGetFile,
  defenderGetLiveResponseResultLink,
  defenderGetInvestigationPackageUri,
];
