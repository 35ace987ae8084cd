// Finds every REST route handler, page and server action from the file tree, so the
// authorisation matrix and the CSRF test cover what exists, not what someone remembered.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'app');

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const MUTATING_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
    return [full];
  });
}

export interface RouteFile {
  /** e.g. `/api/v1/flows/{id}` — route groups dropped, `[id]` written `{id}`. */
  urlPath: string;
  file: string;
  /** Names of the dynamic segments, in order. */
  params: string[];
}

/** The files called `name` under app/, each as its URL path. */
function filesAsUrls(name: RegExp): RouteFile[] {
  return walk(APP)
    .filter((f) => name.test(f))
    .map((file) => {
      const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => s !== '' && !/^\(.*\)$/.test(s));
      const params = segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1));
      return { file, params, urlPath: '/' + segments.map((s) => (/^\[.+\]$/.test(s) ? `{${s.slice(1, -1)}}` : s)).join('/') };
    })
    .sort((a, b) => a.urlPath.localeCompare(b.urlPath));
}

/** Every app/**\/route.ts as its URL path. */
export function routeFiles(): RouteFile[] {
  return filesAsUrls(/\/route\.(ts|tsx|js)$/);
}

/** Every app/**\/page.tsx as its URL path (app/page.tsx is `/`). */
export function pageFiles(): RouteFile[] {
  return filesAsUrls(/\/page\.(tsx|ts|jsx|js)$/);
}

/** The HTTP methods a route module really exports (imported, not guessed from text). */
export async function routeMethods(file: string): Promise<HttpMethod[]> {
  const mod = (await import(file)) as Record<string, unknown>;
  return HTTP_METHODS.filter((m) => typeof mod[m] === 'function');
}

// A module-level directive: the first statement of the file, after comments.
const FILE_DIRECTIVE = /^(?:\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*['"]use server['"]/;
// A directive on a line of its own anywhere (inline actions inside a function body).
const ANY_DIRECTIVE = /^\s*['"]use server['"];?\s*$/gm;

export interface ActionFiles {
  /** Paths relative to app/, e.g. `(app)/flows/actions.ts`. */
  files: string[];
  /** Files with an inline 'use server' the matrix cannot enumerate: move them to an actions file. */
  inline: string[];
}

export function actionFiles(): ActionFiles {
  const files: string[] = [];
  const inline: string[] = [];
  for (const file of walk(APP).filter((f) => /\.(ts|tsx)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(APP, file);
    const isModule = FILE_DIRECTIVE.test(text);
    if (isModule) files.push(rel);
    const count = text.match(ANY_DIRECTIVE)?.length ?? 0;
    if (count > (isModule ? 1 : 0)) inline.push(rel);
  }
  return { files: files.sort(), inline: inline.sort() };
}

/** Every exported function of a 'use server' file: each is a public endpoint. */
export async function actionExports(rel: string): Promise<{ key: string; fn: (...args: unknown[]) => Promise<unknown> }[]> {
  const mod = (await import(path.join(APP, rel))) as Record<string, unknown>;
  return Object.entries(mod)
    .filter((entry): entry is [string, (...args: unknown[]) => Promise<unknown>] => typeof entry[1] === 'function')
    .map(([name, fn]) => ({ key: `${rel}#${name}`, fn }));
}
