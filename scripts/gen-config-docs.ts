// `npm run docs:config`: regenerate docs/configuration.md from the env schema (server/env.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_DOCS_PATH, renderConfigDocs } from '@/server/config-docs';

const target = path.resolve(import.meta.dirname, '..', CONFIG_DOCS_PATH);
writeFileSync(target, renderConfigDocs());
console.log(`wrote ${CONFIG_DOCS_PATH}`);
