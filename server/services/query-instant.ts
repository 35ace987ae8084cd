// A date-time in a list filter (`from`, `to`). JavaScript dates reach the year 275,760 but
// Prisma's raw-query parameters and Postgres do not: an instant outside years 1–9999 is refused
// as a 400 here instead of failing the query as a 500 (found by the fuzzer, issue 9).
import { z } from 'zod';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

export const ZQueryInstant = z.preprocess(
  blank,
  z.coerce
    .date({ error: 'must be an ISO 8601 date-time' })
    .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'must be a date-time between the years 1 and 9999')
    .optional(),
);
