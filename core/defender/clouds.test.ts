import { describe, expect, it } from 'vitest';
import { CLOUD_PRESETS, cloudOfConfig, mdeScopeFor } from './clouds';

describe('cloud presets', () => {
  it('use the hosts Microsoft documents for each cloud', () => {
    expect(CLOUD_PRESETS.commercial).toMatchObject({ apiBaseUrl: 'https://api.securitycenter.microsoft.com', authorityHost: 'https://login.microsoftonline.com', graphBaseUrl: 'https://graph.microsoft.com' });
    expect(CLOUD_PRESETS.gcc).toMatchObject({ apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us', authorityHost: 'https://login.microsoftonline.com', graphBaseUrl: 'https://graph.microsoft.com' });
    expect(CLOUD_PRESETS['gcc-high']).toMatchObject({ apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', authorityHost: 'https://login.microsoftonline.us', graphBaseUrl: 'https://graph.microsoft.us' });
    expect(CLOUD_PRESETS.dod).toMatchObject({ apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', authorityHost: 'https://login.microsoftonline.us', graphBaseUrl: 'https://dod-graph.microsoft.us' });
  });

  it('keep each preset consistent: the MDE scope is what mdeScopeFor derives from its API host, Graph scope from its Graph host', () => {
    for (const preset of Object.values(CLOUD_PRESETS)) {
      expect(mdeScopeFor(preset.apiBaseUrl)).toBe(preset.mdeScope);
      expect(preset.graphScope).toBe(`${preset.graphBaseUrl}/.default`);
    }
  });
});

describe('mdeScopeFor', () => {
  it('asks for the commercial resource on every commercial host, geo hosts included', () => {
    for (const url of ['https://api.securitycenter.microsoft.com', 'https://api.security.microsoft.com/', 'https://eu.api.security.microsoft.com', 'https://api.securitycenter.windows.com']) {
      expect(mdeScopeFor(url)).toBe('https://api.securitycenter.microsoft.com/.default');
    }
    expect(mdeScopeFor(undefined)).toBe('https://api.securitycenter.microsoft.com/.default');
  });

  it('asks a US Government API for a token of its own host', () => {
    expect(mdeScopeFor('https://api-gcc.securitycenter.microsoft.us')).toBe('https://api-gcc.securitycenter.microsoft.us/.default');
    expect(mdeScopeFor('https://api-gov.securitycenter.microsoft.us/api')).toBe('https://api-gov.securitycenter.microsoft.us/.default');
  });

  it('keeps the commercial resource for private gateways and the simulator', () => {
    expect(mdeScopeFor('https://127.0.0.1:2625')).toBe('https://api.securitycenter.microsoft.com/.default');
    expect(mdeScopeFor('not a url')).toBe('https://api.securitycenter.microsoft.com/.default');
  });
});

describe('cloudOfConfig', () => {
  it('reads a stored cloud', () => {
    expect(cloudOfConfig({ cloud: 'gcc-high' })).toBe('gcc-high');
  });

  it('derives the cloud of connections saved before presets from their hosts, else custom', () => {
    expect(cloudOfConfig({ apiBaseUrl: 'https://api.securitycenter.microsoft.com', authorityHost: 'https://login.microsoftonline.com' })).toBe('commercial');
    expect(cloudOfConfig({ ...CLOUD_PRESETS.dod })).toBe('dod');
    expect(cloudOfConfig({ ...CLOUD_PRESETS.dod, graphBaseUrl: 'https://graph.microsoft.us' })).toBe('gcc-high');
    expect(cloudOfConfig({ apiBaseUrl: 'https://127.0.0.1:2625', authorityHost: 'https://127.0.0.1:2625' })).toBe('custom');
    expect(cloudOfConfig({ cloud: 'mars', apiBaseUrl: 'https://x.example' })).toBe('custom');
  });
});
