/**
 * "On failure, notify": who hears about a run that ends failed or timed out (issue 6).
 *
 * Where it lives: in the trigger's Run settings (next to the run time limit and the concurrency
 * limit), not on the Flow row. That keeps it part of the flow definition: versioned, exported and
 * imported with the flow, and a run is notified by the settings of the version it ran (the pinned
 * graph the worker already holds), so no extra read and no drift between a run and its rules. The
 * cost is that changing the recipients takes a publish, like every other change to a flow.
 *
 * Lenient like every draft field (a half-typed address must autosave); `failureNotificationIssues`
 * (check-failure-notification.ts) is the strict check run on publish.
 */
import { z } from 'zod';

export const MAX_FAILURE_RECIPIENTS = 20;

export const ZFailureNotification = z.object({
  /** Addresses emailed when a run fails or times out. */
  emailTo: z.array(z.string().max(320)).max(MAX_FAILURE_RECIPIENTS).optional(),
  /** The SMTP connection the email goes through. */
  smtpConnectionId: z.string().max(100).optional(),
  /** A Teams webhook connection (the `webhook` connection kind) that gets a card with the run link. */
  teamsConnectionId: z.string().max(100).optional(),
});
export type TFailureNotification = z.output<typeof ZFailureNotification>;

// One address, no display name: what SMTP's RCPT TO takes (and nothing a header could be split on).
const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
export const CONNECTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

/** The addresses that will be emailed: trimmed, blanks dropped, duplicates removed. */
export function failureRecipients(n: TFailureNotification | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of n?.emailTo ?? []) {
    const a = raw.trim();
    if (a === '' || seen.has(a.toLowerCase())) continue;
    seen.add(a.toLowerCase());
    out.push(a);
  }
  return out;
}

