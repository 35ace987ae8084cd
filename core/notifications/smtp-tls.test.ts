import { describe, expect, it } from 'vitest';
import { legacyTlsMode, tlsModeOf } from './smtp-tls';

describe('SMTP TLS mode', () => {
  it('maps the old switch: secure → tls; off → STARTTLS required, plain only on loopback', () => {
    expect(legacyTlsMode('smtp.example.com', true)).toBe('tls');
    expect(legacyTlsMode('smtp.example.com', false)).toBe('starttls');
    expect(legacyTlsMode('smtp.example.com', undefined)).toBe('starttls');
    expect(legacyTlsMode('127.0.0.1', false)).toBe('none');
    expect(legacyTlsMode('LOCALHOST', undefined)).toBe('none');
    expect(legacyTlsMode('127.0.0.1', true)).toBe('tls');
  });

  it('reads a stored mode, else derives it from a legacy row', () => {
    expect(tlsModeOf({ tlsMode: 'none', host: 'smtp.example.com' })).toBe('none');
    expect(tlsModeOf({ secure: true, host: 'smtp.example.com' })).toBe('tls');
    expect(tlsModeOf({ secure: false, host: 'smtp.example.com' })).toBe('starttls');
    expect(tlsModeOf({ tlsMode: 'bogus', host: '::1' })).toBe('none');
  });
});
