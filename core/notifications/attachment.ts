// An email attachment from a token value: a list of rows becomes CSV, an object JSON, text
// stays text (or as `format` says). Pure; the mailer only sends what this returns.
import { toCsv } from './csv';

export type AttachmentFormat = 'auto' | 'csv' | 'json' | 'text';

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export class AttachmentError extends Error {
  constructor(
    readonly code: 'AttachmentTooLarge' | 'AttachmentNotRows' | 'AttachmentInvalidName',
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentError';
  }
}

const isRow = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function asRows(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) {
    if (isRow(value)) return [value];
    throw new AttachmentError('AttachmentNotRows', 'The attachment is set to CSV, but its content is not a list of rows (e.g. {{ hunting.results }}).');
  }
  // A list of plain values becomes one "value" column.
  return value.map((item) => (isRow(item) ? item : { value: item }));
}

const CONTENT_TYPES = { csv: 'text/csv', json: 'application/json', text: 'text/plain' } as const;

export function buildAttachment(filename: string, content: unknown, format: AttachmentFormat = 'auto'): Attachment {
  const name = filename.trim();
  // The name lands in a MIME header and on the reader's disk: no paths, no control characters.
  if (name === '' || name.length > 200 || /[\\/\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..') {
    throw new AttachmentError('AttachmentInvalidName', 'The attachment name must be a plain file name (up to 200 characters, no / \\ or line breaks).');
  }
  const resolved: Exclude<AttachmentFormat, 'auto'> =
    format !== 'auto' ? format : Array.isArray(content) ? (content.every(isRow) ? 'csv' : 'json') : isRow(content) ? 'json' : 'text';
  const text =
    resolved === 'csv' ? toCsv(asRows(content))
    : resolved === 'json' ? JSON.stringify(content ?? null, null, 2)
    : typeof content === 'string' ? content
    : content === null || content === undefined ? ''
    : typeof content === 'object' ? JSON.stringify(content, null, 2)
    : String(content);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_ATTACHMENT_BYTES) {
    throw new AttachmentError('AttachmentTooLarge', `The attachment "${name}" would be ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB. Narrow the query or send fewer rows.`);
  }
  return { filename: name, contentType: CONTENT_TYPES[resolved], content: text };
}
