// Why an SSO sign-in was refused. The callback redirects to /login?sso_error=<code>; the login page
// turns the code into a sentence (components/sso/sso-messages.ts), so no text from the identity
// provider or the URL is ever echoed onto the page.
export const SSO_REFUSALS = [
  'disabled',
  'expired',
  'state_mismatch',
  'idp_error',
  'token_failed',
  'invalid_token',
  'no_email',
  'no_matching_rule',
  'groups_overage',
  'local_account',
  'account_conflict',
  'not_provisioned',
  'account_disabled',
  'unavailable',
] as const;

export type SsoRefusal = (typeof SSO_REFUSALS)[number];
