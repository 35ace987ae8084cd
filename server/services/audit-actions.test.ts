// Every action string passed to audit() anywhere in server/, app/ and worker/ must be in the
// catalogue (audit-actions.ts), so the audit page can label and filter it. The source is read
// with the TypeScript parser (comments and strings cannot fool it); an action that is not a
// string literal (or a ternary of literals) fails too, because it could not be checked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_CATEGORIES, actionsInCategory, auditActionLabel, isAuditAction } from './audit-actions';

const ROOT = path.resolve(import.meta.dirname, '../..');
// cli/ and scripts/ write entries too (create-admin, key rotation), outside the web app.
const SCANNED = ['server', 'app', 'worker', 'cli', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'generated', '.next']);

interface Found {
  where: string;
  actions: string[];
  /** Set when the action argument is not made of string literals. */
  problem?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The string literals an action argument can evaluate to, or null when it is not literal. */
function literalValues(node: ts.Expression): string[] | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literalValues(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literalValues(node.whenTrue);
    const b = literalValues(node.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

/** Every call of `audit(actor, action, …)` in one file's source text. */
function auditCallsIn(fileName: string, text: string): Found[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /(^|\/)audit$/.test(node.moduleSpecifier.text)) {
      // A renamed import would hide calls from this scan.
      const named = node.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) {
        for (const el of named.elements) {
          if (el.propertyName?.text === 'audit') {
            found.push({ where: `${fileName}:${source.getLineAndCharacterOfPosition(el.getStart(source)).line + 1}`, actions: [], problem: 'imports audit under another name' });
          }
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'audit') {
      const where = `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
      const arg = node.arguments[1];
      const values = arg ? literalValues(arg) : null;
      found.push(values ? { where, actions: values } : { where, actions: [], problem: 'the action is not a string literal' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scanTree(): Found[] {
  // Only files that mention audit at all are parsed (a call or an import needs the word).
  return SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => text.includes('audit'))
    .flatMap(({ file, text }) => auditCallsIn(path.relative(ROOT, file), text));
}

describe('audit action catalogue', () => {
  it('lists every action passed to audit() in the source tree', () => {
    const calls = scanTree();
    // The scan must actually see the calls it guards (a broken walker would pass vacuously).
    expect(calls.length).toBeGreaterThan(15);
    expect(calls.flatMap((c) => c.actions)).toEqual(expect.arrayContaining(['flow.publish', 'connection.create', 'run.cancel', 'approval.decide', 'audit.export']));
    // The command line's and the scripts' calls are seen too (create-admin, key rotation).
    const folders = new Set(calls.map((c) => c.where.split('/')[0]));
    expect([...folders]).toEqual(expect.arrayContaining(['server', 'cli', 'scripts']));
    expect(calls.filter((c) => c.where.startsWith('scripts/')).flatMap((c) => c.actions)).toContain('secrets.rotate');
    const problems = calls.filter((c) => c.problem).map((c) => `${c.where}: ${c.problem}`);
    expect(problems).toEqual([]);
    const unlisted = calls.flatMap((c) => c.actions.filter((a) => !isAuditAction(a)).map((a) => `${c.where}: '${a}' is not in server/services/audit-actions.ts`));
    expect(unlisted).toEqual([]);
  }, 30_000);

  it('the scan catches an unlisted action, a computed action and a renamed import', () => {
    const sample = [
      "import { audit as record } from '../services/audit';",
      "await audit(actor, 'flow.publish', { type: 'flow', id });",
      "await audit(actor, 'made.up.action', { type: 'flow' });",
      "await audit(actor, on ? 'flow.enable' : 'flow.disable', { type: 'flow', id });",
      'await audit(actor, `flow.${verb}`, { type: "flow" });',
      '// audit(actor, \'in.a.comment\') is not a call',
    ].join('\n');
    const calls = auditCallsIn('sample.ts', sample);
    expect(calls.map((c) => c.actions)).toEqual([[], ['flow.publish'], ['made.up.action'], ['flow.enable', 'flow.disable'], []]);
    expect(calls.filter((c) => c.problem).map((c) => c.where)).toEqual(['sample.ts:1', 'sample.ts:5']);
    expect(isAuditAction('made.up.action')).toBe(false);
  });

  it('every action has a label and a known category, and every category has actions', () => {
    for (const [action, info] of Object.entries(AUDIT_ACTIONS)) {
      expect(action).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
      expect(info.label.length).toBeGreaterThan(3);
      expect(Object.keys(AUDIT_CATEGORIES)).toContain(info.category);
    }
    for (const category of Object.keys(AUDIT_CATEGORIES) as (keyof typeof AUDIT_CATEGORIES)[]) expect(actionsInCategory(category).length).toBeGreaterThan(0);
    expect(auditActionLabel('flow.publish')).toBe('Flow published');
    expect(auditActionLabel('legacy.thing')).toBe('legacy.thing');
  });
});
