// Text ⇄ value for the JSON/value widget (compose, set variable): what the user types is kept as
// text unless it is clearly JSON (an object, a list, a number, true/false/null), which is stored
// parsed so tokens inside it resolve element by element and keep their types.

/** How a stored value is shown for editing. */
export function valueToText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

const JSON_LITERAL = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

/** What to store for typed text; `error` when it looks like JSON but does not parse. */
export function textToValue(text: string): { value: unknown; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  // "{{" opens a token, not an object.
  const looksJson = (trimmed.startsWith('{') && !trimmed.startsWith('{{')) || trimmed.startsWith('[') || JSON_LITERAL.test(trimmed);
  if (!looksJson) return { value: text };
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'not valid JSON';
    // Kept as text so nothing typed is lost; the message says how it will be used.
    return { value: text, error: `Not valid JSON (${reason}); it will be used as text.` };
  }
}
