import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('takes the nearest hop, so a client cannot choose its own address', () => {
    const h = new Headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' });
    expect(clientAddress(h, 0)).toBe('10.0.0.7');
  });
  it('looks through the configured number of trusted proxies', () => {
    const h = new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.2, 10.0.0.7' });
    expect(clientAddress(h, 1)).toBe('10.0.0.2');
    expect(clientAddress(h, 9)).toBe('203.0.113.9');
  });
  it('is null without any forwarding header', () => {
    expect(clientAddress(new Headers(), 0)).toBeNull();
  });
});
