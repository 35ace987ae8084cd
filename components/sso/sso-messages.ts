// What the login page says for each refusal code the SSO callback sends (server/auth/sso/refusals.ts).
// Fixed sentences only: nothing from the URL or the identity provider is shown.
export const SSO_MESSAGES: Record<string, string> = {
  disabled: 'Single sign-on is not switched on. Sign in with your email and password.',
  expired: 'The Microsoft sign-in took too long or was started in another window. Try again.',
  state_mismatch: 'That sign-in response did not belong to this browser, so it was refused. Try again.',
  idp_error: 'Microsoft did not complete the sign-in (it was cancelled or refused). Try again.',
  token_failed: 'Riposte could not complete the Microsoft sign-in. Ask an administrator to check the single sign-on settings.',
  invalid_token: 'The Microsoft sign-in response was not valid for this Riposte, so it was refused.',
  no_email: 'Your Microsoft account has no email address or user name Riposte can use. Ask an administrator.',
  no_matching_rule: 'Your Microsoft account is not in a group or app role that may use Riposte. Ask an administrator for access.',
  groups_overage: 'You are in too many groups for Microsoft to list them at sign-in. Ask an administrator to assign groups to the application or use app roles.',
  local_account: 'A Riposte account with a password already uses your email address. Sign in with your password, or ask an administrator.',
  account_conflict: 'Another Microsoft identity already owns the Riposte account with your email address. Ask an administrator.',
  not_provisioned: 'You do not have a Riposte account yet, and accounts are not created at first sign-in. Ask an administrator.',
  account_disabled: 'Your Riposte account is disabled. Ask an administrator.',
  unavailable: 'Microsoft sign-in is unavailable right now. Try again in a moment, or sign in with your password.',
};

export function ssoMessage(code: string | null): string | null {
  if (!code) return null;
  return SSO_MESSAGES[code] ?? SSO_MESSAGES.unavailable ?? null;
}
