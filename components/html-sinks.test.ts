// Alert text from Defender (titles, descriptions, evidence) and everything else users or services
// write is rendered as text (issue 7): React escapes it, so the only way to turn it into markup or
// code is one of the sinks below. This keeps the rule enforced, not merely true today: no file in
// app/ or components/ may use one, except the outbox's email frame, which shows a captured HTML
// email through srcDoc in a fully sandboxed iframe (no scripts, forms or same-origin access).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Each sink and how it is written in source. */
const SINKS: readonly [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['document.write', /\bdocument\s*\.\s*write(?:ln)?\b/],
  ['eval(', /(?<![\w$.])eval\s*\(/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  ['srcDoc', /\bsrcdoc\b/i],
];

/** The one allowed use: srcDoc in this file, on an iframe with an empty (= everything off) sandbox. */
const SANDBOXED_FRAME = path.join('components', 'outbox', 'email-body.tsx');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(e.name) && !/\.test\.[jt]sx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** "file:line: sink" for every sink in `text`. */
function findSinks(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [name, re] of SINKS) if (re.test(line)) out.push(`${file}:${i + 1}: ${name}`);
  });
  return out;
}

/** The JSX element around each srcDoc, from its `<iframe` to the end of its opening tag. */
function framesWithSrcDoc(text: string): string[] {
  const frames: string[] = [];
  for (let at = text.indexOf('srcDoc'); at !== -1; at = text.indexOf('srcDoc', at + 1)) {
    const start = text.lastIndexOf('<iframe', at);
    const end = text.indexOf('/>', at);
    frames.push(start === -1 || end === -1 ? '' : text.slice(start, end));
  }
  return frames;
}

describe('HTML and code sinks in app/ and components/', () => {
  it('finds every sink it looks for (the scan is not vacuous)', () => {
    const sample = [
      '<div dangerouslySetInnerHTML={{ __html: x }} />',
      'el.innerHTML = x;',
      'el.outerHTML = x;',
      "el.insertAdjacentHTML('beforeend', x);",
      'range.createContextualFragment(x);',
      'document.writeln(x);',
      'eval(x);',
      'new Function("return 1")();',
      "frame.setAttribute('srcdoc', x);",
    ].join('\n');
    expect(findSinks('sample.ts', sample).map((s) => s.split(': ')[1])).toEqual(SINKS.map(([name]) => name));
    // Words that merely contain a sink's name are not sinks.
    expect(findSinks('ok.ts', 'const evaluation = retrieval(x); medieval(1); obj.evalCount;')).toEqual([]);
  });

  it('none is used except srcDoc on the sandboxed email frame', () => {
    const files = [...sources('app'), ...sources('components')];
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => findSinks(f, readFileSync(path.join(root, f), 'utf8')));
    const allowed = (s: string) => s.startsWith(`${SANDBOXED_FRAME}:`) && s.endsWith(': srcDoc');
    expect(found.filter((s) => !allowed(s)), 'render text as text (React escapes it); for HTML email use the sandboxed frame').toEqual([]);
  });

  it('the email frame that uses srcDoc is fully sandboxed and sends no referrer', () => {
    const frames = framesWithSrcDoc(readFileSync(path.join(root, SANDBOXED_FRAME), 'utf8'));
    expect(frames).toHaveLength(1);
    for (const frame of frames) {
      // sandbox="" turns everything off; any allow-* token (scripts, same-origin, forms…) is refused.
      expect(frame).toMatch(/\ssandbox=""/);
      expect(frame).not.toMatch(/allow-/);
      expect(frame).toMatch(/referrerPolicy="no-referrer"/);
    }
  });
});
