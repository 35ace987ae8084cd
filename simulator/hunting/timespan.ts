// Graph runHuntingQuery's optional `Timespan` (B.10): ISO 8601, in the forms Date/Date,
// Duration/End, Start/Duration, Duration (ending now) and Start (until now).
export class TimespanError extends Error {}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

function durationMs(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text.toUpperCase() === 'P' || text.toUpperCase().endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return (((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

function dateMs(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** The window [fromMs, toMs] a Timespan selects; throws TimespanError when it is not one of the forms. */
export function parseTimespan(text: string, nowMs: number): { fromMs: number; toMs: number } {
  const parts = text.trim().split('/');
  const bad = () => new TimespanError(`Timespan '${text}' is not a valid ISO 8601 interval or duration (e.g. P7D, 2026-01-01/2026-01-08).`);
  if (parts.length === 1) {
    const d = durationMs(parts[0]);
    if (d !== null) return { fromMs: nowMs - d, toMs: nowMs };
    const start = dateMs(parts[0]);
    if (start !== null) return { fromMs: start, toMs: nowMs };
    throw bad();
  }
  if (parts.length !== 2) throw bad();
  const [a, b] = parts;
  const startA = dateMs(a);
  const endB = dateMs(b);
  const durA = durationMs(a);
  const durB = durationMs(b);
  let window: { fromMs: number; toMs: number } | null = null;
  if (startA !== null && endB !== null) window = { fromMs: startA, toMs: endB };
  else if (durA !== null && endB !== null) window = { fromMs: endB - durA, toMs: endB };
  else if (startA !== null && durB !== null) window = { fromMs: startA, toMs: startA + durB };
  if (!window || window.fromMs > window.toMs) throw bad();
  return window;
}
