#!/usr/bin/env node
// `npx riposte …`: runs the TypeScript CLI (cli/main.ts) through tsx, with the project's
// tsconfig so `@/…` imports resolve whatever the caller's working directory is.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: path.join(root, 'tsconfig.json') });
await import(path.join(root, 'cli/main.ts'));
