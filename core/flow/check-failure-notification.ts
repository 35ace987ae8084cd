// The publish-time check of the trigger's "On failure, notify" settings (failure-notification.ts).
import { CONNECTION_ID, failureRecipients, isEmailAddress, type TFailureNotification } from './failure-notification';
import { error, warning, type FlowIssue } from './issues';
import { TRIGGER_NODE_ID } from './schema';

export function failureNotificationIssues(n: TFailureNotification | undefined): FlowIssue[] {
  if (n === undefined) return [];
  const at = { nodeId: TRIGGER_NODE_ID };
  const issues: FlowIssue[] = [];
  const recipients = failureRecipients(n);
  const bad = recipients.filter((a) => !isEmailAddress(a));
  if (bad.length > 0) {
    issues.push(error('FailureEmailInvalid', `On failure: ${bad.map((a) => `"${a}"`).join(', ')} ${bad.length === 1 ? 'is not an email address' : 'are not email addresses'}.`, { ...at, path: ['settings', 'onFailure', 'emailTo'] }));
  }
  const smtp = n.smtpConnectionId?.trim() ?? '';
  if (recipients.length > 0 && smtp === '') {
    issues.push(error('FailureEmailNoConnection', 'On failure: choose the SMTP connection the failure email is sent through.', { ...at, path: ['settings', 'onFailure', 'smtpConnectionId'] }));
  }
  if (smtp !== '' && !CONNECTION_ID.test(smtp)) {
    issues.push(error('FailureEmailConnection', 'On failure: the SMTP connection is not a connection id.', { ...at, path: ['settings', 'onFailure', 'smtpConnectionId'] }));
  }
  if (smtp !== '' && recipients.length === 0) {
    issues.push(warning('FailureEmailNoRecipients', 'On failure: an SMTP connection is chosen but nobody is emailed; add an address.', { ...at, path: ['settings', 'onFailure', 'emailTo'] }));
  }
  const teams = n.teamsConnectionId?.trim() ?? '';
  if (teams !== '' && !CONNECTION_ID.test(teams)) {
    issues.push(error('FailureTeamsConnection', 'On failure: the Teams webhook is not a connection id.', { ...at, path: ['settings', 'onFailure', 'teamsConnectionId'] }));
  }
  return issues;
}
