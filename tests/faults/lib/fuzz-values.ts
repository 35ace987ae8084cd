// Hostile values for the fuzzer: strings Postgres, URL parsers and zod treat specially, numbers
// at the edges of JSON and of dates, deep nesting, and random JSON from fast-check.
import fc from 'fast-check';

/** Strings that broke (or could break) something somewhere: NUL, lone surrogates, tokens, SQL, paths. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  '\u202e',
  '💥'.repeat(50),
  '{{',
  '}}',
  '{{ }}',
  '{{ trigger.',
  '{{ get_alert.title | }}',
  '{{ a[0].b["c"] }}',
  '{{ constructor.constructor }}',
  '{{ __proto__.polluted }}',
  '{{ ' + 'a.'.repeat(300) + 'b }}',
  '{{ ' + 'x'.repeat(600) + ' }}',
  "' OR 1=1 --",
  '"; DROP TABLE "Flow"; --',
  '%',
  '%00',
  '%zz',
  '_%\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\\',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  'prototype',
  '-100000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-00-00',
  '2026-02-30T25:61:61Z',
  'x'.repeat(201),
  'x'.repeat(5_000),
  'x'.repeat(70_000),
];

export const NASTY_NUMBERS: readonly number[] = [0, -0, -1, 1, 0.5, 1e21, -1e21, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, Number.MIN_VALUE, 8.64e15, -8.64e15];

export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const nastyNumber = fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

/** Random JSON, biased towards the hostile leaves above. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: nastyString },
    { weight: 2, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.dictionary(fc.oneof(nastyString, fc.constantFrom('id', 'name', 'graph', 'type', 'params', 'nodes', 'edges')), tie('value'), { maxKeys: 5 }) },
  ),
})).value;

/**
 * Deep nesting is spliced into the JSON text (JSON.stringify itself overflows the stack on very
 * deep values): a leaf string `DEEP:<depth>:<a|o>` becomes that many nested arrays or objects.
 */
export const deepMarker = fc.tuple(fc.constantFrom(21, 200, 5_000, 100_000), fc.constantFrom('a', 'o')).map(([d, k]) => `DEEP:${d}:${k}`);

export function expandDeepMarkers(text: string): string {
  return text.replace(/"DEEP:(\d+):([ao])"/g, (_, d: string, k: string) => {
    const n = Number(d);
    return k === 'a' ? '['.repeat(n) + '1' + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  });
}

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as invalid UTF-8 bytes. */
export function encodeLoose(s: string): string {
  return s.replace(/[\ud800-\udfff]/g, '\u0001SURROGATE\u0001').split('\u0001SURROGATE\u0001').map(encodeURIComponent).join('%ED%A0%80');
}
