// Response schemas for the MDE client. Alert and MachineAction come from core (shared
// with the flow catalog); the machine and the OData envelope are only needed here.
import { z } from 'zod';
import { ZMachineAction, ZMdeAlert, type TMachineAction, type TMdeAlert } from '@/core/defender/entities';

export { ZMachineAction, ZMdeAlert };
export type MdeAlert = TMdeAlert;
export type MachineAction = TMachineAction;

const optionalText = z.string().nullish();

/** Machine entity (B.7). Loose: Microsoft adds fields and flows may read any of them. */
export const ZMdeMachine = z.looseObject({
  id: z.string(),
  computerDnsName: optionalText,
  osPlatform: optionalText,
  healthStatus: optionalText,
  riskScore: optionalText,
  exposureLevel: optionalText,
  lastSeen: optionalText,
  lastIpAddress: optionalText,
  rbacGroupName: optionalText,
  machineTags: z.array(z.string()).nullish(),
});
export type MdeMachine = z.infer<typeof ZMdeMachine>;

/** OData collection envelope (B.3): `value` plus `@odata.nextLink` while more pages remain. */
export function zODataCollection<T extends z.ZodType>(item: T) {
  return z.looseObject({
    value: z.array(item),
    '@odata.nextLink': z.string().nullish(),
  });
}
