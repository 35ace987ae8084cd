import { describe, expect, it } from 'vitest';
import { simFamilyOf } from '@/simulator/rate-limits';
import { apiFamilyOf } from './family-of';

const CASES: [method: string, path: string, family: string][] = [
  ['GET', '/api/alerts', 'alerts'],
  ['GET', '/api/alerts/da637472900382838869_1364969609', 'alerts'],
  ['PATCH', '/api/alerts/da6374_1', 'alerts'],
  ['POST', '/api/alerts/batchUpdate', 'alerts'],
  ['POST', '/api/alerts/CreateAlertByReference', 'alertCreate'],
  ['GET', '/api/machines', 'machines'],
  ['GET', '/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07', 'machines'],
  ['POST', '/api/machines/1e5bc9d7e4/isolate', 'machines'],
  ['POST', '/api/machines/1e5bc9d7e4/unisolate', 'machines'],
  ['POST', '/api/machines/1e5bc9d7e4/runAntiVirusScan', 'machines'],
  ['POST', '/api/machines/1e5bc9d7e4/restrictCodeExecution', 'machines'],
  ['POST', '/api/machines/1e5bc9d7e4/tags', 'machines'],
  ['POST', '/api/machines/1e5bc9d7e4/collectInvestigationPackage', 'machines'],
  ['GET', '/api/machineactions', 'machines'],
  ['GET', '/api/machineactions/7f4bd1c0-2a5e-4d3e-9d3c-2f0a1b7a9e11', 'machines'],
  ['POST', '/api/machineactions/7f4bd1c0/cancel', 'machines'],
  ['GET', '/api/machineactions/7f4bd1c0/getPackageUri', 'packageUri'],
  ['POST', '/api/machines/1e5bc9d7e4/runliveresponse', 'liveResponse'],
  ['POST', '/api/machines/1e5bc9d7e4/offboard', 'machines'],
  ['GET', "/api/machines/findbyip(ip='10.1.2.3',timestamp=2026-01-31T08:44:05Z)", 'machines'],
  ['GET', '/api/machines/findbytag', 'machines'],
  ['GET', '/api/machines/1e5bc9d7e4/logonusers', 'machines'],
  ['GET', '/api/machines/1e5bc9d7e4/vulnerabilities', 'machines'],
  ['GET', '/api/machineactions/7f4bd1c0/GetLiveResponseResultDownloadLink(index=0)', 'machines'],
  ['GET', '/api/indicators', 'indicators'],
  ['POST', '/api/indicators', 'indicators'],
  ['DELETE', '/api/indicators/995', 'indicators'],
  ['POST', '/api/advancedqueries/run', 'hunting'],
  ['POST', '/v1.0/security/runHuntingQuery', 'hunting'],
  ['GET', '/api/files/4388963aaa83afe2042a46a3c017ad50bdcdafb3/stats', 'default'],
  ['GET', '/api/investigations', 'default'],
  // Alert entities: the related-entity reads count as alert calls; creating one has its own 15/min.
  ['POST', '/api/alerts/createAlertByReference', 'alertCreate'],
  ['GET', '/api/alerts/da6374_1/files', 'alerts'],
  ['GET', '/api/alerts/da6374_1/user', 'alerts'],
  ['GET', '/api/ips/10.209.67.177/stats', 'default'],
  ['GET', '/api/domains/example.com/stats', 'default'],
  ['GET', '/api/remediationtasks/03942ef5/machinereferences', 'default'],
];

describe('apiFamilyOf', () => {
  it.each(CASES)('%s %s → %s', (method, path, family) => {
    expect(apiFamilyOf(method, path)).toBe(family);
  });

  it('ignores case, a /v1.0 version, a trailing slash, a query and a base path in front of /api', () => {
    expect(apiFamilyOf('get', '/API/V1.0/Alerts/')).toBe('alerts');
    expect(apiFamilyOf('GET', '/api/alerts?$top=1')).toBe('alerts');
    expect(apiFamilyOf('POST', '/mde-proxy/api/machines/abc/isolate')).toBe('machines');
    expect(apiFamilyOf('POST', '/beta/security/runHuntingQuery')).toBe('hunting');
  });

  it('does not mistake look-alike collections for a family', () => {
    expect(apiFamilyOf('GET', '/api/alertsummary')).toBe('default');
    expect(apiFamilyOf('GET', '/api/machinesgroups')).toBe('default');
    expect(apiFamilyOf('GET', '/not-api/alerts')).toBe('default');
    // The package URI limit is for the GET; anything else on that path is an ordinary machine action call.
    expect(apiFamilyOf('POST', '/api/machineactions/7f4bd1c0/getPackageUri')).toBe('machines');
  });

  it('agrees with the Defender simulator on every MDE route above', () => {
    for (const [method, path] of CASES) expect([path, simFamilyOf(method, path)]).toEqual([path, apiFamilyOf(method, path)]);
  });
});
