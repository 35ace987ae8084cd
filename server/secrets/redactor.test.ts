import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKeyName, REDACTED, secretVariants } from './redactor';

const TEAMS = 'https://prod-42.westeurope.logic.azure.com:443/workflows/0f1e2d3c4b5a69788796a5b4c3d2e1f0/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Zm9vYmFyYmF6cXV4LXNlY3JldC1zaWc';
const SLACK = 'https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/abcdEFGHijklMNOPqrstUVWX';

describe('by value', () => {
  const r = createRedactor(['S3CRET-client-secret', 'p@ss"word\\1', TEAMS, SLACK, 'abc']);

  it('replaces known secrets in strings, keys and deep JSON', () => {
    expect(r.text('the secret is S3CRET-client-secret!')).toBe(`the secret is ${REDACTED}!`);
    expect(r.value({ a: [{ b: 'x S3CRET-client-secret y' }], 'S3CRET-client-secret': 1 })).toEqual({ a: [{ b: `x ${REDACTED} y` }], [REDACTED]: 1 });
  });

  it('finds the URL-encoded and JSON-escaped forms', () => {
    expect(r.text(`q=${encodeURIComponent('p@ss"word\\1')}`)).toBe(`q=${REDACTED}`);
    expect(r.text(JSON.stringify({ v: 'p@ss"word\\1' }))).toBe(`{"v":"${REDACTED}"}`);
  });

  it('finds the key parts of webhook URLs: Teams sig, Slack key segment, path and query', () => {
    const sig = new URL(TEAMS).searchParams.get('sig')!;
    expect(r.text(`bad signature ${sig}`)).toBe(`bad signature ${REDACTED}`);
    expect(r.text(`POST ${new URL(TEAMS).pathname} failed`)).toBe(`POST ${REDACTED} failed`);
    expect(r.text('token abcdEFGHijklMNOPqrstUVWX is invalid')).toBe(`token ${REDACTED} is invalid`);
    expect(r.text(`posted to ${SLACK}`)).toBe(`posted to ${REDACTED}`);
    // The host alone is what the UI shows: not a secret.
    expect(r.text('hooks.slack.com answered 404')).toBe('hooks.slack.com answered 404');
  });

  it('does not search for very short secrets (they would match ordinary words)', () => {
    expect(r.text('abc')).toBe('abc');
    expect(secretVariants('abc')).toEqual([]);
  });

  it('knownOnly leaves secret-looking names alone, leaks() tells whether text holds a secret', () => {
    expect(r.knownOnly({ nextPageToken: 'page-2', note: 'S3CRET-client-secret' })).toEqual({ nextPageToken: 'page-2', note: REDACTED });
    expect(r.leaks('xx S3CRET-client-secret')).toBe(true);
    expect(r.leaks('nothing here')).toBe(false);
  });

  it('does not mutate its input; cycles are cut', () => {
    const input: Record<string, unknown> = { s: 'S3CRET-client-secret' };
    input.self = input;
    const out = r.value(input) as Record<string, unknown>;
    expect(input.s).toBe('S3CRET-client-secret');
    expect(out).toEqual({ s: REDACTED, self: '[circular]' });
  });
});

describe('by name (the second net)', () => {
  const r = createRedactor([]);

  it('replaces strings under secret-looking keys, keeps booleans and numbers', () => {
    expect(r.value({ password: 'hunter2', clientSecret: 'x', apiKey: 'k', Authorization: 'Bearer z', nested: { access_token: 't' }, secrets: { clientSecret: true }, hasSecret: true })).toEqual({
      password: REDACTED, clientSecret: REDACTED, apiKey: REDACTED, Authorization: REDACTED, nested: { access_token: REDACTED }, secrets: { clientSecret: true }, hasSecret: true,
    });
    expect(r.value({ tokenUrl: 'https://login.example/token', tokenType: 'Bearer', clientId: 'abc' })).toEqual({ tokenUrl: 'https://login.example/token', tokenType: 'Bearer', clientId: 'abc' });
    expect(isSecretKeyName('x-api-key')).toBe(true);
  });

  it('replaces the values of secret header lines (http.request inputs), keeping token references', () => {
    const headers = 'X-Source: Riposte\nAuthorization: Bearer abc.def.ghi\nX-Api-Key: k3y-value\nOcp-Apim-Subscription-Key: 0123abcd\nX-Ref: {{ trigger.id }}\nX-Functions-Key: {{ vars.value.key }}';
    expect(r.text(headers)).toBe(`X-Source: Riposte\nAuthorization: ${REDACTED}\nX-Api-Key: ${REDACTED}\nOcp-Apim-Subscription-Key: ${REDACTED}\nX-Ref: {{ trigger.id }}\nX-Functions-Key: {{ vars.value.key }}`);
  });

  it('replaces sig/sas/code query values, bearer and basic credentials, URL passwords and JSON secrets in text', () => {
    expect(r.text('https://x.example/a?sv=1.0&sig=abc%2Fdef&code=xyz#f')).toBe(`https://x.example/a?sv=1.0&sig=${REDACTED}&code=${REDACTED}#f`);
    expect(r.text('grant_type=client_credentials&client_secret=s3cr3t')).toBe(`grant_type=client_credentials&client_secret=${REDACTED}`);
    expect(r.text('sent Bearer eyJ0eXAiOiJKV1Qi.eyJzdWIi.c2lnbmF0dXJl and Basic c3ZjOnBAc3M=')).toBe(`sent Bearer ${REDACTED} and Basic ${REDACTED}`);
    expect(r.text('https://svc:hunter2@db.example/x')).toBe(`https://svc:${REDACTED}@db.example/x`);
    expect(r.text('{"user":"a","password":"p\\"w","tokenUrl":"https://t"}')).toBe(`{"user":"a","password":"${REDACTED}","tokenUrl":"https://t"}`);
  });

  it('leaves ordinary messages readable', () => {
    for (const text of [
      'OAuthTokenFailed: The token endpoint soar.example answered 401 invalid_client.',
      'Basic authentication needs a username',
      'Microsoft Entra ID rejected the credentials of client abc (invalid_client): AADSTS7000215: Invalid client secret provided.',
      'Teams webhook "SOC" (hooks.example) answered 400: Bad payload.',
    ]) expect(r.text(text)).toBe(text);
  });
});
