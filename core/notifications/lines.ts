/** One "Name: value" (or "name=value") line of a multiline param. */
export interface NameValue {
  name: string;
  value: string;
}

/**
 * Splits multiline text into name/value pairs at the first `separator` of each line; blank lines
 * are skipped. Lines without the separator are returned in `bad` (1-based line numbers).
 */
export function parseNameValueLines(text: string, separator: ':' | '='): { pairs: NameValue[]; bad: number[] } {
  const pairs: NameValue[] = [];
  const bad: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = line.indexOf(separator);
    if (at <= 0 || line.slice(0, at).trim() === '') bad.push(i + 1);
    else pairs.push({ name: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  });
  return { pairs, bad };
}
