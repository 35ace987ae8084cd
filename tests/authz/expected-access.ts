// THE EXPECTED-ACCESS TABLE: who may call each REST route and server action, and open each page.
// tests/integration/authz-matrix.test.ts (routes, actions) and authz-pages.test.ts (pages) enumerate
// them from the file tree and fail for any missing here — adding one means adding one line below.
//
// `needs(role)` = that role and above are let through (anonymous → 401 / "session ended",
// lower roles → 403 / "role does not allow this"). `open(reason)` = deliberately public.
// Requests default to unknown ids and an empty JSON body, so an allowed call ends in a 404 or
// 400 after the permission check and changes nothing; give `request`/`args` where that is not so.
import type { Permission, Role } from '@/server/auth/roles';

export interface Fixtures {
  /** A flow with a published version (v1) and draft changes since. */
  flowId: string;
  /** A fresh random uuid per call: nothing has it. */
  unknownId(): string;
}

export interface RouteRequest {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
}

export type RouteRule =
  /** `sessionOnly`: why an API token is refused (403) whatever its role; sessions follow `minimum`. */
  | { kind: 'role'; minimum: Role; request?: (fx: Fixtures) => RouteRequest; sessionOnly?: string }
  | { kind: 'public'; reason: string; request?: (fx: Fixtures) => RouteRequest };

export type ActionRule =
  | {
      kind: 'role';
      minimum: Role;
      args: (fx: Fixtures) => unknown[];
      /** 'message' (default): refusal returns the authoriseAction message; 'empty': it returns [] or null. */
      refusal?: 'message' | 'empty';
    }
  | { kind: 'public'; reason: string; args: (fx: Fixtures) => unknown[] };

const needs = (minimum: Role, request?: (fx: Fixtures) => RouteRequest): RouteRule => ({ kind: 'role', minimum, request });
const needsSession = (minimum: Role, sessionOnly: string, request?: (fx: Fixtures) => RouteRequest): RouteRule => ({ kind: 'role', minimum, request, sessionOnly });
const open = (reason: string, request?: (fx: Fixtures) => RouteRequest): RouteRule => ({ kind: 'public', reason, request });
const action = (minimum: Role, args: (fx: Fixtures) => unknown[], refusal: 'message' | 'empty' = 'message'): ActionRule => ({ kind: 'role', minimum, args, refusal });
const openAction = (reason: string, args: (fx: Fixtures) => unknown[]): ActionRule => ({ kind: 'public', reason, args });

/** Key: `METHOD /url/path` with dynamic segments as `{name}` (route groups dropped). */
export const ROUTES: Record<string, RouteRule> = {
  'GET /api/health': open('liveness probe for load balancers and compose; touches no dependency'),
  'GET /api/v1/audit': needs('admin'),
  'GET /api/v1/audit/export': needs('admin'),
  'GET /api/v1/users': needs('admin'),
  'POST /api/v1/users': needs('admin'),
  'PATCH /api/v1/users/{id}': needs('admin'),
  'POST /api/v1/users/{id}/reset': needs('admin'),
  'GET /api/metrics': open('Prometheus scrape: its own bearer token, RIPOSTE_METRICS_TOKEN'),
  'GET /api/v1/system': needs('admin'),
  'GET /api/ready': open('readiness probe for orchestrators; reports per-check ok / kind of failure, no hosts or secrets'),
  'POST /api/v1/auth/login': open('signing in is how a session is obtained', () => ({ body: { email: 'not-an-email', password: '' } })),
  'GET /api/v1/openapi.json': open('the API reference document: the shape of the API, no data or secrets'),
  'POST /api/v1/auth/logout': open('ends the caller’s own session (if any); same-origin checked'),
  'GET /api/v1/auth/sso/start': open('starts a Microsoft sign-in: redirects to the configured authority (or /login when SSO is off)'),
  'GET /api/v1/auth/sso/callback': open('the identity provider’s redirect back; the sealed flow cookie and state are the capability'),
  'GET /api/v1/auth/sso/status': open('tells the login page whether to offer “Sign in with Microsoft”; nothing else'),

  'GET /api/v1/connections': needs('viewer'),
  'POST /api/v1/connections': needs('admin'),
  'GET /api/v1/connections/{id}': needs('viewer'),
  'PATCH /api/v1/connections/{id}': needs('admin'),
  'DELETE /api/v1/connections/{id}': needs('admin'),
  'POST /api/v1/connections/{id}/test': needs('admin'),

  'POST /api/v1/demo/alerts': needs('editor', () => ({ body: { severity: 'Critical' } })),

  'GET /api/v1/flows': needs('viewer'),
  'POST /api/v1/flows': needs('editor'),
  'POST /api/v1/flows/import': needs('editor'),
  'GET /api/v1/flows/{id}': needs('viewer'),
  'PUT /api/v1/flows/{id}': needs('editor'),
  'DELETE /api/v1/flows/{id}': needs('editor'),
  'POST /api/v1/flows/{id}/disable': needs('editor'),
  'POST /api/v1/flows/{id}/enable': needs('editor'),
  'GET /api/v1/flows/{id}/export': needs('viewer'),
  'POST /api/v1/flows/{id}/publish': needs('editor'),
  'POST /api/v1/flows/{id}/run': needs('editor'),

  'GET /api/v1/runs': needs('viewer'),
  'POST /api/v1/runs/cancel': needs('editor'),
  'GET /api/v1/runs/counts': needs('viewer'),
  'GET /api/v1/runs/events': needs('viewer'),
  'POST /api/v1/runs/resubmit': needs('editor'),
  'GET /api/v1/runs/{id}': needs('viewer'),
  'POST /api/v1/runs/{id}/cancel': needs('editor'),
  'GET /api/v1/runs/{id}/events': needs('viewer'),
  'POST /api/v1/runs/{id}/resubmit': needs('editor'),
  'POST /api/v1/runs/{id}/retry': needs('editor'),

  'GET /api/v1/tokens': needs('viewer'),
  'POST /api/v1/tokens': needsSession('viewer', 'a token must not mint tokens (a leaked one would outlive its revocation)', () => ({ body: { name: '' } })),
  'DELETE /api/v1/tokens/{id}': needs('viewer'),
};

/** Key: `<file under app/>#<exported function>`. */
export const ACTIONS: Record<string, ActionRule> = {
  '(app)/account/actions.ts#changePasswordAction': action('viewer', () => [{ error: null, fieldErrors: {}, done: null }, new FormData()]),
  '(app)/account/actions.ts#revokeSessionAction': action('viewer', (fx) => [fx.unknownId()]),
  '(app)/account/actions.ts#revokeOtherSessionsAction': action('viewer', () => []),
  '(app)/account/actions.ts#signOutEverywhereAction': action('viewer', () => []),
  '(app)/settings/users/actions.ts#inviteUserAction': action('admin', () => [{}]),
  '(app)/settings/users/actions.ts#updateUserAction': action('admin', (fx) => [fx.unknownId(), {}]),
  '(app)/settings/users/actions.ts#resetUserAction': action('admin', (fx) => [fx.unknownId()]),
  'invite/[token]/actions.ts#setPasswordAction': openAction('the one-time invite link is the credential', () => ['not-a-token', { error: null }, new FormData()]),
  '(app)/account/tokens/actions.ts#createTokenAction': action('viewer', () => [{ name: '' }]),
  '(app)/account/tokens/actions.ts#revokeTokenAction': action('viewer', (fx) => [fx.unknownId()]),

  '(app)/approvals/actions.ts#decideApprovalAction': action('editor', (fx) => [fx.unknownId(), 'approve', '']),

  '(app)/connections/actions.ts#createConnectionAction': action('admin', () => [{}]),
  '(app)/connections/actions.ts#updateConnectionAction': action('admin', (fx) => [fx.unknownId(), {}]),
  '(app)/connections/actions.ts#deleteConnectionAction': action('admin', (fx) => [fx.unknownId()]),
  '(app)/connections/actions.ts#testConnectionAction': action('admin', (fx) => [fx.unknownId()]),

  '(app)/flows/actions.ts#setFlowEnabledAction': action('editor', (fx) => [fx.unknownId(), true]),
  '(app)/flows/actions.ts#raiseTestAlertAction': action('editor', () => ['Critical']),
  '(app)/flows/new/actions.ts#createFlowAction': action('editor', () => [null, new FormData()]),
  '(app)/flows/new/actions.ts#importFlowAction': action('editor', () => ['not json']),

  '(app)/flows/[id]/editor-actions.ts#saveDraft': action('editor', (fx) => [{ flowId: fx.unknownId(), baseVersion: 1, graph: { schemaVersion: 1, nodes: [], edges: [] } }]),
  '(app)/flows/[id]/editor-actions.ts#saveAsCopy': action('editor', () => [{ name: 'x', description: '', graph: null }]),
  '(app)/flows/[id]/editor-actions.ts#publish': action('editor', (fx) => [{ flowId: fx.unknownId() }]),
  '(app)/flows/[id]/editor-actions.ts#setEnabled': action('editor', (fx) => [{ flowId: fx.unknownId(), enabled: true }]),
  '(app)/flows/[id]/editor-actions.ts#restoreVersionAction': action('editor', (fx) => [{ flowId: fx.unknownId(), version: 1, baseVersion: 1 }]),
  '(app)/flows/[id]/editor-actions.ts#changesSincePublishedAction': action('viewer', (fx) => [{ flowId: fx.flowId }], 'empty'),
  '(app)/flows/[id]/editor-actions.ts#listVersionsAction': action('viewer', (fx) => [{ flowId: fx.flowId }], 'empty'),
  '(app)/flows/[id]/editor-actions.ts#getVersionAction': action('viewer', (fx) => [{ flowId: fx.flowId, version: 1 }], 'empty'),
  '(app)/flows/[id]/editor-actions.ts#reloadFlowAction': action('viewer', (fx) => [{ flowId: fx.flowId }], 'empty'),
  '(app)/flows/[id]/hunting-columns-actions.ts#huntingColumnsAction': action('editor', (fx) => [{ flowId: fx.unknownId(), connectionId: fx.unknownId(), query: 'x', api: 'graph' }]),
  '(app)/flows/[id]/manual-run-actions.ts#listAlertsAction': action('editor', (fx) => [{ flowId: fx.unknownId(), search: '' }]),
  '(app)/flows/[id]/manual-run-actions.ts#listEarlierRunsAction': action('viewer', (fx) => [{ flowId: fx.unknownId() }]),
  '(app)/flows/[id]/manual-run-actions.ts#startRunAction': action('editor', (fx) => [{ flowId: fx.unknownId(), version: 'published', source: { kind: 'now' } }]),

  '(app)/runs/actions.ts#cancelRunAction': action('editor', (fx) => [fx.unknownId()]),
  '(app)/runs/actions.ts#resubmitRunAction': action('editor', (fx) => [fx.unknownId(), 'same']),
  '(app)/runs/actions.ts#retryRunAction': action('editor', (fx) => [fx.unknownId()]),
  '(app)/runs/actions.ts#bulkResubmitAction': action('editor', () => [[], 'same']),
  '(app)/runs/actions.ts#bulkCancelAction': action('editor', () => [[]]),

  '(app)/settings/sso/actions.ts#saveSsoSettingsAction': action('admin', () => [{}]),

  '(app)/sign-out.ts#signOut': openAction('ends the caller’s own session only', () => []),
  'approve/[id]/actions.ts#decideByLinkAction': openAction('the signed approval link is the capability (checked by decideApproval)', (fx) => [
    { approvalId: fx.unknownId(), approver: 'x@authz.test', signature: 'not-a-valid-signature' },
    'approve',
    '',
  ]),
  'login/actions.ts#loginAction': openAction('signing in', () => [{ error: null, email: '' }, new FormData()]),
  'setup/actions.ts#setupAction': openAction('first-run setup; refuses (409) once any user exists', () => [{ error: null, email: '', name: '' }, new FormData()]),
};

export type PageRule =
  | { kind: 'permission'; permission: Permission; params?: (fx: Fixtures) => Record<string, string> }
  | { kind: 'public'; reason: string };

const page = (permission: Permission, params?: (fx: Fixtures) => Record<string, string>): PageRule => ({ kind: 'permission', permission, params });
const openPage = (reason: string): PageRule => ({ kind: 'public', reason });

/**
 * Key: the page's URL path (route groups dropped, `[id]` written `{id}`). `page(permission)`: the
 * page calls requirePage(permission) — anonymous → /login, a role without it → /forbidden.
 * tests/integration/authz-pages.test.ts renders each page per role and fails for a page missing here.
 */
export const PAGES: Record<string, PageRule> = {
  '/': openPage('redirects to /dashboard, which authorises'),
  '/account': page('account:manage'),
  '/account/tokens': page('account:manage'),
  '/api-docs': page('flows:read'),
  '/approvals': page('runs:read'),
  '/audit': page('audit:read'),
  '/connections': page('connections:read'),
  '/dashboard': page('runs:read'),
  '/flows': page('flows:read'),
  '/flows/new': page('flows:write'),
  '/flows/{id}': page('flows:read', (fx) => ({ id: fx.flowId })),
  '/outbox': page('demo:use'),
  '/runs': page('runs:read'),
  '/runs/{id}': page('runs:read'),
  '/settings/sso': page('settings:manage'),
  '/settings/users': page('users:manage'),
  '/system': page('system:read'),
  '/approve/{id}': openPage('opened from the approval email: the signed link is the capability (checked by approvalForLink)'),
  '/forbidden': openPage('the page refused users are sent to; shows no data'),
  '/invite/{token}': openPage('the one-time invite link is the credential'),
  '/login': openPage('signing in'),
  '/setup': openPage('first-run setup; redirects to /login once any user exists'),
};
