// A local OpenID provider that behaves like Microsoft Entra ID for Riposte's SSO tests (Microsoft
// cannot be reached here). Built on panva's oidc-provider (certified OpenID Connect), served over
// https with the demo certificate, laid out like Entra: issuer https://localhost:<port>/<tenant>/v2.0,
// discovery at <issuer>/.well-known/openid-configuration, so MSAL's default (AAD) protocol works
// with authority https://localhost:<port>/<tenant> and knownAuthorities. Id tokens carry Entra's
// claims: oid, tid, groups, roles, preferred_username, email, nonce. PKCE is required.
// It has its own login form (user name + password) and skips consent, like a first-party app.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { renderLoginPage } from './login-page';

export interface LocalAccount {
  username: string;
  password: string;
  oid: string;
  name: string;
  groups: string[];
  roles: string[];
}

/** The group the tests map to Riposte's editor role. */
export const EDITORS_GROUP_ID = '5b7f2c1e-9a4d-4e2b-8c3f-1d2e3f4a5b6c';
export const OTHER_GROUP_ID = 'c0ffee00-1111-4222-8333-444455556666';

/** Two people: one in the mapped group, one outside it. */
export const LOCAL_ACCOUNTS = {
  member: { username: 'erin.editor@contoso.test', password: 'member-pass-1', oid: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Erin Editor', groups: [EDITORS_GROUP_ID, OTHER_GROUP_ID], roles: [] },
  outsider: { username: 'oscar.outsider@contoso.test', password: 'outsider-pass-1', oid: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Oscar Outsider', groups: [OTHER_GROUP_ID], roles: [] },
} satisfies Record<string, LocalAccount>;

export interface LocalOidcProvider {
  /** The authority host to configure in Riposte (cloud "custom"): https://localhost:<port>. */
  authorityHost: string;
  issuer: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface LocalOidcOptions {
  tls: { cert: Buffer | string; key: Buffer | string };
  /** Exact redirect URIs the app registration allows. */
  redirectUris: string[];
  accounts?: LocalAccount[];
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** 0 (default): a free port. */
  port?: number;
  /** Changes id token claims before they are issued (tests of a wrong issuer, tenant, etc.). */
  tamperClaims?: (claims: Record<string, unknown>) => Record<string, unknown>;
}

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startLocalOidcProvider(opts: LocalOidcOptions): Promise<LocalOidcProvider> {
  const tenantId = opts.tenantId ?? randomUUID();
  const clientId = opts.clientId ?? randomUUID();
  const clientSecret = opts.clientSecret ?? randomBytes(24).toString('base64url');
  const accounts = new Map((opts.accounts ?? Object.values(LOCAL_ACCOUNTS)).map((a) => [a.username.toLowerCase(), a]));
  const prefix = `/${tenantId}/v2.0`;

  let provider: Provider | undefined;
  const server = createServer({ cert: opts.tls.cert, key: opts.tls.key }, (req, res) => {
    void handle(req, res).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(e instanceof Error ? e.message : 'error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (!provider || !url.pathname.startsWith(`${prefix}/`)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const interaction = url.pathname.slice(prefix.length).match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (interaction) return handleInteraction(provider, req, res, interaction[2] === '/login');
    // Mount the provider under the tenant path, the way Express would (oidc-provider reads originalUrl).
    const mounted = req as IncomingMessage & { originalUrl?: string };
    mounted.originalUrl = req.url;
    req.url = req.url!.slice(prefix.length) || '/';
    provider.callback()(req, res);
  }

  async function handleInteraction(p: Provider, req: IncomingMessage, res: ServerResponse, submitted: boolean): Promise<void> {
    const details = await p.interactionDetails(req, res);
    const action = `${prefix}/interaction/${details.uid}/login`;
    const send = (html: string, status = 200) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    };
    if (details.prompt.name !== 'login') {
      // Consent is granted by loadExistingGrant below; no other prompt is expected.
      await p.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      return;
    }
    if (!submitted) return send(renderLoginPage({ action, error: null, username: '' }));
    const form = await readBody(req);
    const username = (form.get('username') ?? '').trim().toLowerCase();
    const account = accounts.get(username);
    if (!account || account.password !== form.get('password')) {
      return send(renderLoginPage({ action, error: 'That user name or password is not right.', username }), 401);
    }
    await p.interactionFinished(req, res, { login: { accountId: account.username.toLowerCase() } }, { mergeWithLastSubmission: false });
  }

  const port = await listen(server, opts.port ?? 0);
  const authorityHost = `https://localhost:${port}`;
  const issuer = `${authorityHost}${prefix}`;
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...jwk, kid: 'local-oidc-1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    // Entra's claims, all in the id token (conformIdTokenClaims off), like Entra itself does.
    claims: {
      openid: ['sub', 'oid', 'tid', 'groups', 'roles'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    conformIdTokenClaims: false,
    // Short lifetimes, as a test needs (and explicit, so the library does not warn about defaults).
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${prefix}/interaction/${interaction.uid}` },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const claims: Record<string, unknown> = {
            sub: account.oid,
            oid: account.oid,
            tid: tenantId,
            name: account.name,
            preferred_username: account.username,
            email: account.username,
            groups: account.groups,
            roles: account.roles,
          };
          return (opts.tamperClaims ? opts.tamperClaims(claims) : claims) as { sub: string };
        },
      };
    },
    // A first-party app: consent is implied, so the login form is the only page people see.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });

  return {
    authorityHost,
    issuer,
    tenantId,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
