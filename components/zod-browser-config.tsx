'use client';
// Zod compiles fast parsers with `new Function` when it may; our CSP forbids eval, so in the
// browser it would probe, be refused (a CSP violation report on every page that validates a form)
// and fall back. Telling it up front keeps the console clean and the policy strict.
import { z } from 'zod';

z.config({ jitless: true });

export function ZodBrowserConfig(): null {
  return null;
}
