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
    const e = withStepPermission(errorFromResponse({ method: 'POST', path: '/api/machines/m1/isolate', status: 403, bodyText: body }), { api: 'mde', role: 'Machine.Isolate' }) as MdeApiError;
    expect(e).toBeInstanceOf(MdeApiError);
    expect(e.message).toMatch(/this step needs Machine\.Isolate\)\. The token has: Machine\.Read\.All\. Fix: Grant Machine\.Isolate/);
  });

  it('still helps when the 403 body names no roles, and leaves other errors alone', () => {
    const e = errorFromResponse({ method: 'GET', path: '/api/alerts', status: 403, bodyText: '<html>denied</html>' });
    expect(e.message).toMatch(/refused with 403 Forbidden: the app registration lacks a permission\. Fix: grant the permission/);
    expect((withStepPermission(e, { api: 'mde', role: 'Alert.Read.All' }) as MdeApiError).message).toContain('this step needs Alert.Read.All');
    const notFound = errorFromResponse({ method: 'GET', path: '/api/alerts/x', status: 404, bodyText: '' });
    expect(withStepPermission(notFound, { api: 'mde', role: 'Alert.Read.All' })).toBe(notFound);
  });

  it('gives a Graph 403 the Graph fix, from the client alone or with the step', () => {
    const body = JSON.stringify({ error: { code: 'Forbidden', message: 'Missing application roles. API required roles: ThreatHunting.Read.All, application roles: .' } });
    const e = errorFromResponse({ method: 'POST', path: '/v1.0/security/runHuntingQuery', status: 403, bodyText: body, label: 'Microsoft Graph', api: 'graph' });
    expect(e.message).toContain('this step needs ThreatHunting.Read.All');
    expect(e.message).toContain('Fix: Grant ThreatHunting.Read.All (Microsoft Graph, application permission)');
    expect(e.message).not.toContain('WindowsDefenderATP');
    const stepped = withStepPermission(e, { api: 'graph', role: 'ThreatHunting.Read.All' }) as MdeApiError;
    expect(stepped.message).toContain('Fix: Grant ThreatHunting.Read.All (Microsoft Graph, application permission)');
  });

  it('names the API’s roles, not the step’s, when another call of the step was refused', () => {
    // Waiting for an isolation polls GET /machineactions, which needs Machine.Read.All.
    const body = JSON.stringify({ error: { code: 'Forbidden', message: 'Missing application roles. API required roles: Machine.Read.All,Machine.ReadWrite.All, application roles: Machine.Isolate.' } });
    const e = withStepPermission(errorFromResponse({ method: 'GET', path: '/api/machineactions/a1', status: 403, bodyText: body }), { api: 'mde', role: 'Machine.Isolate' }) as MdeApiError;
    expect(e.message).toContain('this step needs Machine.Read.All; the API accepts any of Machine.Read.All, Machine.ReadWrite.All');
    expect(e.message).toContain('Fix: Grant Machine.Read.All (WindowsDefenderATP');
  });

  it('offers any of the accepted roles for a step that takes several (cancel)', () => {
    const body = JSON.stringify({ error: { code: 'Forbidden', message: 'Missing application roles. API required roles: Machine.Isolate,Machine.Scan, application roles: Machine.Read.All.' } });
    const e = withStepPermission(errorFromResponse({ method: 'POST', path: '/api/machineactions/a1/cancel', status: 403, bodyText: body }), { api: 'mde', role: 'Machine.Isolate', orAnyOf: ['Machine.Scan'] }) as MdeApiError;
    expect(e.message).toContain('this step needs one of Machine.Isolate, Machine.Scan)');
    expect(e.message).toContain('Fix: Grant one of Machine.Isolate, Machine.Scan (WindowsDefenderATP');
  });
});
