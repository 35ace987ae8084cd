// Rows → CSV (RFC 4180) for email attachments of hunting results. Cells a spreadsheet would run
// as a formula (=, +, -, @, tab, CR first) get a leading ' so opening the file never executes
// alert data (CSV injection).

const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header = the union of keys in first-seen order; rows are CRLF-terminated, as RFC 4180 says. */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(Object.hasOwn(row, c) ? row[c] : undefined)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
