import { z } from 'zod';
import { blankToUndefined, connectionParam, meta } from './fields';
import { hasToken } from '../tokens/parse';
import type { NodeTypeDef, ParamCrossIssue } from './types';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const HTTP_MAX_TIMEOUT_SECONDS = 120;

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max).optional());

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Any outbound HTTP(S) call (a SOAR, a ticketing system), through the outbound guard. */
export const httpRequest = {
  type: 'http.request',
  title: 'HTTP request',
  description: 'Calls an HTTP(S) endpoint (a ticketing system, a SOAR) with optional basic, bearer or OAuth 2.0 credentials; the response is available to later steps.',
  category: 'HTTP',
  icon: 'globe',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('HTTP', { optional: true, description: 'Optional credentials (basic, bearer or OAuth 2.0 client credentials); empty: no authentication.' }),
    method: meta(z.enum(HTTP_METHODS).default('GET'), { title: 'Method', widget: 'enum' }),
    url: meta(z.string().trim().min(1, 'Required').max(8000), {
      title: 'URL',
      description: 'https://…; token values are URL-encoded, e.g. https://soar.example/alerts/{{ trigger.id }}',
      widget: 'text',
      tokenEncoding: 'url-component',
    }),
    headers: meta(optionalText(20_000), {
      title: 'Headers',
      description: 'One "Name: value" per line. Host cannot be set; a token value with a line break fails the step (no header injection).',
      widget: 'multiline',
      tokenEncoding: 'header-value',
    }),
    query: meta(optionalText(20_000), { title: 'Query parameters', description: 'One "name=value" per line; names and values are URL-encoded for you.', widget: 'multiline' }),
    bodyType: meta(z.enum(['none', 'json', 'text']).default('none'), { title: 'Body type', widget: 'enum' }),
    body: meta(z.preprocess(blankToUndefined, z.unknown().optional()), {
      title: 'Body (JSON)',
      description: 'With body type json, e.g. {"title": "{{ trigger.title }}"}: token values are JSON-escaped inside strings; the result must be valid JSON. A single token sends that value as JSON.',
      widget: 'multiline',
      tokenEncoding: 'json-string',
    }),
    textBody: meta(optionalText(1_000_000), { title: 'Body (text)', description: 'With body type text: sent as written (text/plain unless a Content-Type header says otherwise).', widget: 'multiline' }),
    timeoutSeconds: meta(z.coerce.number().int().min(1).max(HTTP_MAX_TIMEOUT_SECONDS).default(30), { title: 'Timeout (seconds)', description: `At most ${HTTP_MAX_TIMEOUT_SECONDS}.`, widget: 'number' }),
    failOnError: meta(z.boolean().default(true), { title: 'Fail on non-2xx', description: 'On: 429 and 5xx are retried (honouring Retry-After), other statuses fail the step. Off: every status is a result, read from the status output.', widget: 'boolean' }),
  }),
  connectionKind: 'http',
  outputFields: [
    { path: 'status', label: 'HTTP status', type: 'number' },
    { path: 'ok', label: 'Succeeded (2xx)', type: 'boolean' },
    { path: 'headers', label: 'Response headers', type: 'object' },
    { path: 'body', label: 'Response body (JSON parsed)', type: 'any' },
    { path: 'bodyText', label: 'Response body (text)', type: 'string' },
  ],
  sideEffect: true,
  // The request's own timeout (at most 120 s) decides; the try's timeout leaves room for a token fetch.
  timeoutSeconds: HTTP_MAX_TIMEOUT_SECONDS + 30,
  crossCheck: (params): ParamCrossIssue[] => {
    const issues: ParamCrossIssue[] = [];
    const body = blankToUndefined(params.body);
    if (params.bodyType === 'json' && body === undefined) issues.push({ path: ['body'], message: 'Body type json needs a JSON body' });
    // Without tokens the body is final already: say now, not at run time, that it is not JSON.
    if (params.bodyType === 'json' && typeof body === 'string' && !hasToken(body) && !isJson(body)) issues.push({ path: ['body'], message: 'The JSON body is not valid JSON' });
    if (params.bodyType === 'text' && blankToUndefined(params.textBody) === undefined) issues.push({ path: ['textBody'], message: 'Body type text needs a text body' });
    return issues;
  },
} satisfies NodeTypeDef;
