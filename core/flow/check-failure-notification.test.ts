import { describe, expect, it } from 'vitest';
import { failureNotificationIssues } from './check-failure-notification';
import { failureRecipients } from './failure-notification';
import { checkFlow } from './check';
import { buildSeedFlow, TEST_SMTP_CONNECTION_ID } from '../testing/builders';

const codes = (n: Parameters<typeof failureNotificationIssues>[0]) => failureNotificationIssues(n).map((i) => `${i.severity}:${i.code}`);

describe('failure notification settings', () => {
  it('recipients are trimmed, blanks dropped and duplicates removed case-insensitively', () => {
    expect(failureRecipients({ emailTo: [' a@x.io', '', 'A@x.io', 'b@x.io '] })).toEqual(['a@x.io', 'b@x.io']);
    expect(failureRecipients(undefined)).toEqual([]);
  });

  it('nothing set, or a complete email setting, has no issues', () => {
    expect(codes(undefined)).toEqual([]);
    expect(codes({})).toEqual([]);
    expect(codes({ emailTo: ['soc@contoso.example'], smtpConnectionId: TEST_SMTP_CONNECTION_ID })).toEqual([]);
  });

  it('names bad addresses, a missing or malformed connection, and a connection without recipients', () => {
    expect(codes({ emailTo: ['soc@contoso.example', 'not an address'], smtpConnectionId: TEST_SMTP_CONNECTION_ID })).toEqual(['error:FailureEmailInvalid']);
    expect(failureNotificationIssues({ emailTo: ['x'], smtpConnectionId: TEST_SMTP_CONNECTION_ID })[0].message).toContain('"x" is not an email address');
    expect(codes({ emailTo: ['soc@contoso.example'] })).toEqual(['error:FailureEmailNoConnection']);
    expect(codes({ emailTo: ['soc@contoso.example'], smtpConnectionId: 'smtp-1' })).toEqual(['error:FailureEmailConnection']);
    expect(codes({ smtpConnectionId: TEST_SMTP_CONNECTION_ID })).toEqual(['warning:FailureEmailNoRecipients']);
    expect(codes({ teamsConnectionId: 'teams' })).toEqual(['error:FailureTeamsConnection']);
  });

  it('publishing checks them on the trigger', () => {
    const graph = buildSeedFlow();
    const trigger = graph.nodes.find((n) => n.id === 'trigger');
    if (trigger) trigger.settings = { onFailure: { emailTo: ['oops'], smtpConnectionId: TEST_SMTP_CONNECTION_ID } };
    const checked = checkFlow(graph);
    expect(checked.ok).toBe(false);
    expect(checked.issues).toEqual([expect.objectContaining({ code: 'FailureEmailInvalid', nodeId: 'trigger', path: ['settings', 'onFailure', 'emailTo'] })]);
  });
});
