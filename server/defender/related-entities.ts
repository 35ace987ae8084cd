// Response schemas of the entity reads (mde-entity-reads.ts): the File, User, IP and domain
// entities and statistics, remediation activities and investigations. Loose like the others in
// entities.ts: Microsoft adds fields and flows may read all of them; only what the client relies
// on is required.
import { z } from 'zod';

const optionalText = z.string().nullish();
const optionalNumber = z.number().nullish();
const idText = z.union([z.string(), z.number()]).transform(String);

/** File (get-file-information.md; reference A.3 GetSingleFile). */
export const ZMdeFile = z.looseObject({
  sha1: optionalText,
  sha256: optionalText,
  md5: optionalText,
  globalPrevalence: optionalNumber,
  globalFirstObserved: optionalText,
  globalLastObserved: optionalText,
  size: optionalNumber,
  fileType: optionalText,
  isPeFile: z.boolean().nullish(),
  filePublisher: optionalText,
  fileProductName: optionalText,
  signer: optionalText,
  issuer: optionalText,
  signerHash: optionalText,
  isValidCertificate: z.boolean().nullish(),
  determinationType: optionalText,
  determinationValue: optionalText,
});
export type MdeFile = z.infer<typeof ZMdeFile>;

/** File statistics (A.2 #13, InOrgFileStats). */
export const ZFileStats = z.looseObject({
  sha1: optionalText,
  globalPrevalence: optionalNumber,
  globalFirstObserved: optionalText,
  globalLastObserved: optionalText,
  organizationPrevalence: optionalNumber,
  orgFirstSeen: optionalText,
  orgLastSeen: optionalText,
  topFileNames: z.array(z.string()).nullish(),
});

/** IP statistics (A.2 #15, InOrgIPStats). */
export const ZIpStats = z.looseObject({ ipAddress: optionalText, organizationPrevalence: optionalNumber, orgFirstSeen: optionalText, orgLastSeen: optionalText });
/** Domain statistics (A.2 #14, InOrgDomainStats). */
export const ZDomainStats = z.looseObject({ host: optionalText, organizationPrevalence: optionalNumber, orgFirstSeen: optionalText, orgLastSeen: optionalText });

/** The user related to an alert (get-alert-related-user-info.md). */
export const ZMdeUser = z.looseObject({
  id: z.string(),
  accountName: optionalText,
  accountDomain: optionalText,
  accountSid: optionalText,
  firstSeen: optionalText,
  lastSeen: optionalText,
  mostPrevalentMachineId: optionalText,
  leastPrevalentMachineId: optionalText,
  logonTypes: optionalText,
  logOnMachinesCount: optionalNumber,
  isDomainAdmin: z.boolean().nullish(),
  isOnlyNetworkUser: z.boolean().nullish(),
});
export type MdeUser = z.infer<typeof ZMdeUser>;

/** An IP related to an alert: MDE names the address `id`. */
export const ZRelatedIp = z.looseObject({ id: z.string() });
/** A domain related to an alert: `host`. */
export const ZRelatedDomain = z.looseObject({ host: z.string() });

/**
 * RemediationActivity (get-remediation-methods-properties.md; reference A.4). The public docs name
 * the creator `requesterId` / `requesterEmail` (no createdBy* fields), so those are what we read.
 */
export const ZRemediationTask = z.looseObject({
  id: z.string(),
  title: optionalText,
  createdOn: optionalText,
  requesterId: optionalText,
  requesterEmail: optionalText,
  status: optionalText,
  statusLastModifiedOn: optionalText,
  description: optionalText,
  relatedComponent: optionalText,
  targetDevices: optionalNumber,
  fixedDevices: optionalNumber,
  rbacGroupNames: z.array(z.string()).nullish(),
  dueOn: optionalText,
  category: optionalText,
  priority: optionalText,
  type: optionalText,
  productId: optionalText,
  vendorId: optionalText,
});
export type RemediationTask = z.infer<typeof ZRemediationTask>;

/** A device a remediation activity targets (machineReferences). */
export const ZMachineReference = z.looseObject({ id: z.string(), computerDnsName: optionalText, osPlatform: optionalText, rbacGroupName: optionalText });

/** Investigation (A.4), as the list returns it. */
export const ZInvestigationItem = z.looseObject({ id: idText, state: optionalText, machineId: optionalText, startTime: optionalText, endTime: optionalText });
