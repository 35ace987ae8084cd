// Trigger data pasted into "Run now": it must be a JSON object (the server checks again).
/** Pasted text → the object to send, or what is wrong with it. */
export function parsePayload(text: string): { ok: true; payload: Record<string, unknown> } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: 'Paste the trigger data as a JSON object.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${(e as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'The trigger data must be a JSON object ({ … }), not a list or a single value.' };
  return { ok: true, payload: value as Record<string, unknown> };
}
