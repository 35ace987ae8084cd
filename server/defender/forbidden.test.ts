import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './mde-error-response';
import { parseMissingRoles, withStepPermission } from './forbidden';
import { MdeApiError } from './errors';

const MDE_403 = JSON.stringify({ error: { code: 'Forbidden', message: 'Missing application roles. API required roles: Machine.Read.All,Machine.ReadWrite.All, application roles: Machine.Isolate.', target: 't-1' } });

describe('permission-aware 403', () => {
  it('reads the roles MDE names in its message', () => {
    expect(parseMissingRoles('Missing application roles. API required roles: Machine.Read.All,Machine.ReadWrite.All, application roles: Machine.Isolate.')).toEqual({
      required: ['Machine.Read.All', 'Machine.ReadWrite.All'], granted: ['Machine.Isolate'],
    });
    expect(parseMissingRoles('Missing application roles. API required roles: Machine.Isolate, application roles: .')).toEqual({ required: ['Machine.Isolate'], granted: [] });
    expect(parseMissingRoles('Forbidden')).toBeNull();
  });

  it('turns a 403 into what is missing, what the token has and the fix', () => {
    const e = errorFromResponse({ method: 'GET', path: '/api/machines/m1', status: 403, bodyText: MDE_403 });
    expect(e).toMatchObject({ status: 403, code: 'Forbidden', retryable: false, target: 't-1' });
    expect(e.message).toContain('this step needs Machine.Read.All; the API accepts any of Machine.Read.All, Machine.ReadWrite.All');
    expect(e.message).toContain('The token has: Machine.Isolate.');
    expect(e.message).toContain('Fix: Grant Machine.Read.All');
    expect(e.message).toContain('grant admin consent');
  });

  it('names the step’s own permission when the worker knows it', () => {
    const body = JSON.stringify({ error: { code: 'Forbidden', message: 'Missing application roles. API required roles: Machine.Isolate, application roles: Machine.Read.All.' } });
    const e = withStepPermission(errorFromResponse({ method: 'POST', path: '/api/machines/m1/isolate', status: 403, bodyText: body }), 'Machine.Isolate') as MdeApiError;
    expect(e).toBeInstanceOf(MdeApiError);
    expect(e.message).toMatch(/this step needs Machine\.Isolate\)\. The token has: Machine\.Read\.All\. Fix: Grant Machine\.Isolate/);
  });

  it('still helps when the 403 body names no roles, and leaves other errors alone', () => {
    const e = errorFromResponse({ method: 'GET', path: '/api/alerts', status: 403, bodyText: '<html>denied</html>' });
    expect(e.message).toMatch(/refused with 403 Forbidden: the app registration lacks a permission\. Fix: grant the permission/);
    expect((withStepPermission(e, 'Alert.Read.All') as MdeApiError).message).toContain('this step needs Alert.Read.All');
    const notFound = errorFromResponse({ method: 'GET', path: '/api/alerts/x', status: 404, bodyText: '' });
    expect(withStepPermission(notFound, 'Alert.Read.All')).toBe(notFound);
  });
});
