import { describe, expect, it } from 'vitest';
import { defenderAlertUrl } from './portal';

describe('defenderAlertUrl', () => {
  it('links to the commercial portal by default, with the id URL-encoded', () => {
    expect(defenderAlertUrl('da638123_-1')).toBe('https://security.microsoft.com/alerts/da638123_-1');
    expect(defenderAlertUrl('a/b?c#d')).toBe('https://security.microsoft.com/alerts/a%2Fb%3Fc%23d');
    expect(defenderAlertUrl('x', { apiBaseUrl: 'https://api.securitycenter.microsoft.com' })).toMatch(/^https:\/\/security\.microsoft\.com\//);
    expect(defenderAlertUrl('x', { apiBaseUrl: 'https://127.0.0.1:2625' })).toMatch(/^https:\/\/security\.microsoft\.com\//);
  });

  it('uses the portal of the connection\'s US Government cloud', () => {
    expect(defenderAlertUrl('x', { apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us' })).toBe('https://security.microsoft.com/alerts/x');
    expect(defenderAlertUrl('x', { apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', graphBaseUrl: 'https://graph.microsoft.us' })).toBe('https://security.microsoft.us/alerts/x');
    expect(defenderAlertUrl('x', { apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', graphBaseUrl: 'https://dod-graph.microsoft.us' })).toBe('https://security.apps.mil/alerts/x');
  });
});
