// Renders docs/configuration.md from the zod env schema (server/env.ts), so the reference cannot
// drift from what the code accepts: every variable, its default, accepted values and effect (its
// .describe()). scripts/gen-config-docs.ts writes the file; server/config-docs.test.ts fails
// when the committed file differs.
import { z } from 'zod';
import { ZEnv } from './env';

export const CONFIG_DOCS_PATH = 'docs/configuration.md';

interface FieldSchema {
  type?: string;
  default?: unknown;
  description?: string;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function defaultOf(field: FieldSchema): string {
  if (field.default === undefined) return 'unset';
  return field.default === '' ? '`""`' : `\`${String(field.default)}\``;
}

/** An enum's options, words first: zod keeps them as object keys, which puts '0' and '1' first. */
function enumOptions(schema: z.ZodType): readonly string[] | undefined {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return enumOptions(schema.unwrap() as z.ZodType);
  if (!(schema instanceof z.ZodEnum)) return undefined;
  const options = schema.options.map(String);
  const numeric = (v: string) => /^\d+$/.test(v);
  return [...options.filter((v) => !numeric(v)), ...options.filter(numeric)];
}

function valuesOf(field: FieldSchema, schema: z.ZodType): string {
  const options = enumOptions(schema);
  if (options) return options.map((v) => `\`${v}\``).join(', ');
  const parts: string[] = [];
  if (field.type === 'integer' || field.type === 'number') {
    parts.push(field.type);
    if (field.exclusiveMinimum !== undefined) parts.push(`> ${field.exclusiveMinimum}`);
    if (field.minimum !== undefined && field.minimum > Number.MIN_SAFE_INTEGER) parts.push(`≥ ${field.minimum}`);
    if (field.maximum !== undefined && field.maximum < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${field.maximum}`);
    return parts.join(', ');
  }
  if (field.format === 'email') return 'e-mail address';
  if (field.format === 'uri') return 'URL';
  if (field.minLength !== undefined) return `text, ≥ ${field.minLength} characters`;
  return 'text';
}

export function renderConfigDocs(): string {
  const schema = z.toJSONSchema(ZEnv, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, FieldSchema> };
  const rows = Object.keys(ZEnv.shape).map((name) => {
    const field = schema.properties[name];
    if (!field?.description) throw new Error(`${name} has no description: add .describe('…') to it in server/env.ts`);
    return `| \`${name}\` | ${cell(defaultOf(field))} | ${cell(valuesOf(field, ZEnv.shape[name as keyof typeof ZEnv.shape]))} | ${cell(field.description)} |`;
  });
  return [
    '# Configuration reference',
    '',
    '<!-- Generated from the zod schema in server/env.ts by `npm run docs:config`. Do not edit by hand:',
    '     change the .describe() text there and regenerate; a unit test fails when this file is stale. -->',
    '',
    'Riposte reads its configuration from environment variables, checked at start against one schema',
    '(`server/env.ts`): a bad value stops the process with a message naming the variable, and an',
    'empty value (`NAME=`) counts as unset. Every variable has a working local default except',
    '`RIPOSTE_SECRET_KEY`. `npm start` reads `.env.local`; `docker-compose.yml` reads `.env.production`',
    '(template: `deploy/riposte.env.example`; deployment: [deploy.md](deploy.md)). Web, worker and',
    'migrate processes must get the same values.',
    '',
    `${rows.length} variables.`,
    '',
    '| variable | default | accepted values | effect |',
    '|---|---|---|---|',
    ...rows,
    '',
    '## Read outside the schema',
    '',
    '| variable | effect |',
    '|---|---|',
    '| `NODE_EXTRA_CA_CERTS` | Node.js: extra trusted CA certificates (PEM file), read once at process start. Needed when Defender, SMTP or webhook endpoints are reached through a TLS-inspecting proxy or carry a private CA; `npm start` points it at the demo certificate. |',
    '| `NODE_ENV` | Set to `production` by the web server and the image. |',
    '| `RIPOSTE_E2E_RESET` | Tests only: `1` makes `scripts/run-stack.ts` empty its database first. Never set it in production. |',
    '| `RIPOSTE_TEST_MINUTE_MS` | Tests only: shortens the rate limiter\'s minute. |',
    '',
  ].join('\n');
}
