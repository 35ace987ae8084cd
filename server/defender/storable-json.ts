// Text from Defender goes into Postgres (trigger data, step outputs, hunting results), which
// cannot store a NUL character, and whose UTF-8 has no place for an unpaired UTF-16 surrogate
// (valid in JSON, invalid in Unicode). One such character in an alert would fail the whole
// poll's INSERT, for every alert of the tenant, on every poll (found by the fuzzer, issue 9).
// They are replaced by U+FFFD as the response is read, the way a UTF-8 decoder shows bad bytes.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(s: string): string {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE, '\ufffd') : s;
}

/**
 * Makes a freshly parsed JSON value storable, in place (keys too). Walked without recursion:
 * JSON.parse accepts nesting deeper than the call stack.
 */
export function makeStorable(root: unknown): unknown {
  if (typeof root === 'string') return storableText(root);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') v[i] = storableText(item);
        else if (item !== null && typeof item === 'object') stack.push(item);
      }
    } else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const item = obj[key];
        const clean = storableText(key);
        if (clean !== key) {
          delete obj[key];
          obj[clean] = item;
        }
        if (typeof item === 'string') obj[clean] = storableText(item);
        else if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  return root;
}
