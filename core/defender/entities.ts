import { z } from 'zod';

/**
 * MDE response entities (reference/defender-api.md B.6, B.7). Loose on purpose: Microsoft adds
 * fields and our tokens may read any of them, so unknown fields pass through and most fields
 * are optional/nullable. Only `id` is required — without it nothing downstream makes sense.
 */
const optionalText = z.string().nullish();

export const ALERT_SEVERITIES = ['UnSpecified', 'Informational', 'Low', 'Medium', 'High'] as const;

export const ZMdeAlert = z.looseObject({
  id: z.string(),
  title: optionalText,
  description: optionalText,
  // Kept as free text: an enum would reject a value Microsoft adds tomorrow.
  severity: optionalText,
  status: optionalText,
  category: optionalText,
  detectionSource: optionalText,
  alertCreationTime: optionalText,
  lastUpdateTime: optionalText,
  firstEventTime: optionalText,
  lastEventTime: optionalText,
  resolvedTime: optionalText,
  machineId: optionalText,
  computerDnsName: optionalText,
  incidentId: z.union([z.number(), z.string()]).nullish(),
  investigationId: z.union([z.number(), z.string()]).nullish(),
  investigationState: optionalText,
  assignedTo: optionalText,
  classification: optionalText,
  determination: optionalText,
  threatFamilyName: optionalText,
  threatName: optionalText,
  mitreTechniques: z.array(z.string()).nullish(),
  relatedUser: z.looseObject({ userName: optionalText, domainName: optionalText }).nullish(),
  evidence: z.array(z.looseObject({})).nullish(),
  comments: z.array(z.looseObject({})).nullish(),
  rbacGroupName: optionalText,
  aadTenantId: optionalText,
});

export type TMdeAlert = z.infer<typeof ZMdeAlert>;

export const ZMachineAction = z.looseObject({
  id: z.string(),
  type: optionalText,
  scope: optionalText,
  requestor: optionalText,
  requestorComment: optionalText,
  status: optionalText,
  machineId: optionalText,
  computerDnsName: optionalText,
  creationDateTimeUtc: optionalText,
  lastUpdateDateTimeUtc: optionalText,
});

export type TMachineAction = z.infer<typeof ZMachineAction>;

/** Output of defender.isolateMachine: the action plus whether MDE said it was already requested. */
export type TIsolateOutput = TMachineAction & { alreadyRequested: boolean };
