import { z } from 'zod';
import { meta, recipientsParam, requiredText } from './fields';
import type { NodeTypeDef } from './types';

export const APPROVAL_TYPE = 'control.approval';

/**
 * Asks people to approve or reject, and pauses the run until they do (or the request expires and
 * takes its default outcome). The run holds no worker while it waits: the request lives in
 * Postgres, the approvers get an email with signed single-use links (when an SMTP connection is
 * set) and see it on the Approvals page. Continues on "approved" or "rejected"; the decision
 * (who, when, comment) is the step's output.
 */
export const controlApproval = {
  type: APPROVAL_TYPE,
  title: 'Request approval',
  description: 'Pauses the run until an approver approves or rejects (email links or the Approvals page), or the request times out.',
  category: 'Control',
  icon: 'check-circle',
  kind: 'action',
  outputs: ['approved', 'rejected'],
  params: z.object({
    title: requiredText({ title: 'Title', description: 'What to decide, e.g. "Isolate {{ trigger.computerDnsName }}?"', widget: 'text' }),
    details: meta(z.string().max(10_000).optional(), {
      title: 'Details',
      description: 'Shown to the approvers as text (never as HTML).',
      widget: 'multiline',
    }),
    approvers: recipientsParam({ title: 'Approvers', description: 'Email addresses; any one of them decides.', required: true }),
    connectionId: meta(z.preprocess((v) => (v === '' ? undefined : v), z.guid('Choose an SMTP connection').optional()), {
      title: 'SMTP connection',
      description: 'Sends the request email with approve and reject links; without one, decide on the Approvals page.',
      widget: 'connection',
    }),
    timeoutHours: meta(z.coerce.number().min(0.01, 'At least 0.01 hours').max(720, 'At most 30 days').default(24), {
      title: 'Time out after (hours)',
      description: 'Without a decision by then, the request takes the default outcome.',
      widget: 'number',
    }),
    timeoutOutcome: meta(z.enum(['rejected', 'approved']).default('rejected'), {
      title: 'When it times out',
      description: 'Rejected is the safe default for containment actions.',
      widget: 'enum',
    }),
  }),
  connectionKind: 'smtp',
  outputFields: [
    { path: 'outcome', label: 'Outcome', type: 'string' },
    { path: 'decidedBy', label: 'Decided by', type: 'string' },
    { path: 'decidedAt', label: 'Decided at', type: 'datetime' },
    { path: 'comment', label: 'Comment', type: 'string' },
    { path: 'timedOut', label: 'Timed out', type: 'boolean' },
    { path: 'approvalId', label: 'Approval ID', type: 'string' },
  ],
  sideEffect: true,
} satisfies NodeTypeDef;
