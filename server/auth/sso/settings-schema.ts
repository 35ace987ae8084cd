// What an admin may store as SSO settings (zod at the boundary). Pure: no database here.
import { z } from 'zod';
import { SSO_CLOUDS, SSO_CLOUD_IDS } from './clouds';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ZRiposteRole = z.enum(['admin', 'editor', 'viewer']);

/** One claim → role rule. Groups are Entra object ids; app roles are the role's "Value". */
export const ZMappingRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), value: z.string().trim().regex(GUID, 'A group is its object id (a GUID), as Entra ID sends it in the groups claim'), role: ZRiposteRole }),
  z.object({
    kind: z.literal('appRole'),
    value: z.string().trim().min(1, 'Enter the app role value').max(120).regex(/^[^\s]+$/, 'An app role value has no spaces'),
    role: ZRiposteRole,
  }),
]);
export type MappingRule = z.infer<typeof ZMappingRule>;
export const ZMappingRules = z.array(ZMappingRule).max(100, 'At most 100 rules');

/** An https origin without path, query or credentials ("https://login.example.net[:port]"). */
export const ZAuthorityHost = z
  .string()
  .trim()
  .transform((v) => v.replace(/\/+$/, ''))
  .superRefine((v, ctx) => {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter an https URL, e.g. https://login.microsoftonline.com' });
      return;
    }
    if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'The authority must use https' });
    else if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
      ctx.addIssue({ code: 'custom', message: 'Enter only the authority host (https://host[:port]); the tenant id is added to it' });
    }
  });

/**
 * The form's input. clientSecret: undefined keeps the stored one, a string replaces it, null clears it
 * (write-only: the stored secret is never read back to the browser).
 */
export const ZSsoSettingsInput = z
  .object({
    enabled: z.boolean(),
    cloud: z.enum(SSO_CLOUD_IDS as [keyof typeof SSO_CLOUDS, ...(keyof typeof SSO_CLOUDS)[]]),
    authorityHost: z.string().max(300).optional(),
    tenantId: z.string().trim().max(36).refine((v) => v === '' || GUID.test(v), 'The tenant id is the Directory (tenant) ID, a GUID'),
    clientId: z.string().trim().max(36).refine((v) => v === '' || GUID.test(v), 'The client id is the Application (client) ID, a GUID'),
    clientSecret: z.string().min(1, 'Enter the client secret').max(1000).nullable().optional(),
    rules: ZMappingRules,
    defaultRole: z.enum(['refuse', 'viewer', 'editor']),
    autoCreate: z.boolean(),
  })
  .strict();
export type SsoSettingsInput = z.infer<typeof ZSsoSettingsInput>;
