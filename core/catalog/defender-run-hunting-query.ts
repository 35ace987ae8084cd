import { z } from 'zod';
import { connectionParam, meta, requiredText } from './fields';
import { huntingOutputFields, ZHuntingColumns } from './hunting-columns';
import type { NodeTypeDef, OutputField, StepPermission } from './types';

/** The permission a hunting step needs: its API's own (B.8 for MDE, B.10 for Graph). */
export function huntingPermission(api: unknown): StepPermission {
  return api === 'mde' ? { api: 'mde', role: 'AdvancedQuery.Read.All' } : { api: 'graph', role: 'ThreatHunting.Read.All' };
}

/** ISO 8601 duration (P7D, PT12H) or interval (start/end, duration/end, start/duration), as Graph takes it. */
const ISO_DURATION = String.raw`P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?`;
const ISO_DATE = String.raw`\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?`;
const TIMESPAN = new RegExp(`^(${ISO_DURATION}|${ISO_DATE})(/(${ISO_DURATION}|${ISO_DATE}))?$`, 'i');

const HUNTING_OUTPUT_FIELDS: OutputField[] = [
  { path: 'results', label: 'Results (rows)', type: 'array' },
  { path: 'rowCount', label: 'Row count', type: 'number' },
  { path: 'schema', label: 'Columns', type: 'array' },
  { path: 'api', label: 'API used', type: 'string' },
];

export const defenderRunHuntingQuery = {
  type: 'defender.runHuntingQuery',
  title: 'Run hunting query',
  description:
    'Runs a KQL advanced hunting query and returns its rows, e.g. for a report email or to act on each row. ' +
    'Results cover the last 30 days and at most 100,000 rows; hunting allows 45 calls a minute per tenant.',
  category: 'Microsoft Defender',
  icon: 'database',
  kind: 'action',
  outputs: ['out'],
  params: z
    .object({
      connectionId: connectionParam('Defender'),
      query: requiredText({
        title: 'Query',
        description:
          'KQL, e.g. DeviceProcessEvents | where FileName =~ "mimikatz.exe" | project DeviceId, DeviceName. ' +
          'Tokens are inserted as plain text: put them inside quotes.',
        widget: 'kql',
        // Alert data in a query is data, never KQL: tokens are escaped as string content.
        tokenEncoding: 'kql-string',
      }),
      api: meta(z.enum(['graph', 'mde']).default('graph'), {
        title: 'API',
        description:
          'graph: Microsoft Graph runHuntingQuery (needs ThreatHunting.Read.All; all Defender XDR tables). ' +
          'mde: the legacy Defender for Endpoint endpoint (needs AdvancedQuery.Read.All), which stops returning data on 1 Feb 2027.',
        widget: 'enum',
      }),
      timespan: meta(
        // A cleared field (or a token that resolves to nothing) means "not set".
        z.preprocess(
          (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
          z.string().trim().regex(TIMESPAN, 'Must be an ISO 8601 duration or interval, e.g. P7D or 2026-01-01/2026-01-08').optional(),
        ),
        {
          title: 'Timespan',
          description: 'Graph only. ISO 8601, e.g. P1D for the last day; empty means the last 30 days.',
          widget: 'text',
        },
      ),
      // Not sent to Defender: what the designer knows of the result rows ("Get columns"), so
      // later steps get one typed token per column. Saved, exported and imported with the flow.
      columns: meta(ZHuntingColumns.optional(), {
        title: 'Columns',
        description: 'The columns the query returns, for tokens such as {{ loop.item.DeviceName }} in a For each over the results.',
        widget: 'columns',
      }),
    })
    .refine((p) => p.api !== 'mde' || p.timespan === undefined, {
      path: ['timespan'],
      message: 'Timespan works with the Graph API only; with mde, filter on Timestamp in the query',
    }),
  connectionKind: 'defender',
  outputFields: HUNTING_OUTPUT_FIELDS,
  dynamicOutputFields: (params, sample) => huntingOutputFields(HUNTING_OUTPUT_FIELDS, params, sample),
  // Graph and MDE are different APIs with their own tokens: a Graph token's roles must carry
  // ThreatHunting.Read.All (Microsoft Graph), an MDE token's AdvancedQuery.Read.All. No api = graph (the default).
  permissionFor: (params) => huntingPermission(params.api),
  sideEffect: false,
  // Defender allows a query 200 s (B.8), Graph 3 min.
  timeoutSeconds: 240,
} satisfies NodeTypeDef;
