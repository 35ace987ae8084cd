// Schemas shared by every area: the error envelope (design.md §7) and list pages.
import { z } from 'zod';

export const ZApiError = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'BadRequest' }),
      message: z.string().meta({ example: 'name: Name is required' }),
      details: z.unknown().optional().meta({ description: 'Structured detail, e.g. zod issues as [{ path, message }]' }),
    }),
  })
  .meta({ id: 'Error' });

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: the message says what is wrong, details lists each field',
  401: 'Not signed in: send a session cookie or Authorization: Bearer <api token>',
  403: 'Signed in, but the role does not allow this (or a cross-origin cookie request)',
  404: 'Not found',
  409: 'Conflict: stale draft (details.current), or the resource is in use / in the wrong state',
  422: 'Not valid for this action (e.g. the flow has problems: details.issues)',
  429: 'Rate limited',
  502: 'An upstream service (Defender, SMTP) failed',
  503: 'A dependency is unavailable',
};

/** `{ items, nextCursor }`: every list (design.md §7). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
