// Query-string filters shared by the run list and the audit log. Both end in Postgres, which
// refuses what JavaScript allows: a NUL character in text, a date past the year 9999 (Prisma
// cannot even send one). Such a query is a 400 here, not a failed query and a 500 (found by the
// fuzzer, issue 9).
import { z } from 'zod';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'must not contain a NUL character';

/** Free text up to `max` characters, trimmed; blank = absent. */
export const ZQueryText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? blank(v.trim()) : v), z.string().max(max).refine(noNul, NUL_MESSAGE).optional());

/** An opaque token (a page cursor): not trimmed. */
export const ZQueryToken = (max: number) => z.preprocess(blank, z.string().max(max).refine(noNul, NUL_MESSAGE).optional());

export const ZQueryInstant = z.preprocess(
  blank,
  z.coerce
    .date({ error: 'must be an ISO 8601 date-time' })
    .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'must be a date-time between the years 1 and 9999')
    .optional(),
);
