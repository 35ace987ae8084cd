import { describe, expect, it } from 'vitest';
import { judgeAddress, outboundListProblem, parseAddress, parseOutboundList, specialRangeOf } from './address-policy';

const none = parseOutboundList('');

describe('default special ranges', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['10.0.0.1', '10.0.0.0/8'], ['10.255.255.255', '10.0.0.0/8'],
    ['172.16.0.1', '172.16.0.0/12'], ['172.31.255.255', '172.16.0.0/12'], ['192.168.1.1', '192.168.0.0/16'],
    ['169.254.169.254', 'cloud metadata'], ['100.64.0.1', '100.64.0.0/10'], ['100.127.255.255', '100.64.0.0/10'],
    ['0.0.0.0', '0.0.0.0/8'], ['0.1.2.3', '0.0.0.0/8'], ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'], ['::', 'unspecified'], ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'], ['febf::1', 'link-local'], ['ff02::1', 'multicast'],
  ])('%s is refused (%s)', (ip, why) => {
    expect(specialRangeOf(ip)).toContain(why);
  });

  it('judges IPv4-mapped IPv6 as the IPv4 address it reaches', () => {
    expect(specialRangeOf('::ffff:10.0.0.1')).toContain('10.0.0.0/8');
    expect(specialRangeOf('::ffff:127.0.0.1')).toContain('loopback');
    expect(specialRangeOf('::ffff:7f00:1')).toContain('loopback');
    expect(specialRangeOf('[::ffff:a9fe:a9fe]')).toContain('169.254.0.0/16');
    expect(specialRangeOf('::ffff:8.8.8.8')).toBeUndefined();
    expect(parseAddress('::ffff:192.168.0.1')).toEqual({ family: 4, value: 0xc0a80001n });
  });

  it('refuses IPv4-compatible and NAT64 forms that embed a private IPv4 address', () => {
    expect(specialRangeOf('::127.0.0.1')).toContain('IPv4-compatible');
    expect(specialRangeOf('64:ff9b::a00:1')).toContain('NAT64');
  });

  it('allows public addresses and just-outside neighbours of the ranges', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '52.96.0.1', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '223.255.255.255', '11.0.0.0', '2606:4700::1111', '2a01:111:f400::1']) {
      expect(specialRangeOf(ip), ip).toBeUndefined();
    }
  });

  it('the URL parser normalises decimal, octal and hex IPv4 hosts before they are judged', () => {
    for (const raw of ['http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'http://0x7f000001/', 'http://127.1/', 'http://0177.0.0.1/']) {
      const host = new URL(raw).hostname;
      expect(host, raw).toBe('127.0.0.1');
      expect(specialRangeOf(host)).toContain('loopback');
    }
    expect(new URL('http://[::ffff:169.254.169.254]/').hostname).toBe('[::ffff:a9fe:a9fe]');
    expect(specialRangeOf(new URL('http://[::ffff:169.254.169.254]/').hostname)).toContain('169.254.0.0/16');
    expect(new URL('http://0xa9.0xfe.0xa9.0xfe/').hostname).toBe('169.254.169.254');
  });

  it('anything that is not an IP is refused by the classifier', () => {
    expect(specialRangeOf('localhost')).toBe('not an IP address');
    expect(specialRangeOf('1.2.3')).toBe('not an IP address');
  });
});

describe('admin allow and deny lists', () => {
  it('an allow-listed CIDR or host opens a private range; deny wins over allow', () => {
    const allow = parseOutboundList('10.1.0.0/16, soar.corp.example, *.internal.example, 127.0.0.1');
    expect(judgeAddress('x', '10.1.2.3', allow, none)).toEqual({ allowed: true, allowListed: true });
    expect(judgeAddress('x', '10.2.0.1', allow, none).allowed).toBe(false);
    expect(judgeAddress('soar.corp.example', '10.9.9.9', allow, none)).toEqual({ allowed: true, allowListed: true });
    expect(judgeAddress('api.internal.example', '192.168.0.5', allow, none).allowed).toBe(true);
    expect(judgeAddress('internal.example', '192.168.0.5', allow, none).allowed).toBe(false);
    expect(judgeAddress('127.0.0.1', '127.0.0.1', allow, none).allowListed).toBe(true);
    const deny = parseOutboundList('10.1.2.0/24,evil.example');
    expect(judgeAddress('x', '10.1.2.3', allow, deny)).toMatchObject({ allowed: false, reason: expect.stringContaining('RIPOSTE_OUTBOUND_DENY') });
    expect(judgeAddress('evil.example', '8.8.8.8', allow, deny)).toMatchObject({ allowed: false, reason: expect.stringContaining('RIPOSTE_OUTBOUND_DENY') });
    expect(judgeAddress('example.com', '93.184.216.34', none, none)).toEqual({ allowed: true, allowListed: false });
  });

  it('opens a host:port entry on that port only', () => {
    const allow = parseOutboundList('localhost:2526, 10.0.0.5:8443');
    expect(judgeAddress('localhost', '127.0.0.1', allow, none, 2526)).toEqual({ allowed: true, allowListed: true });
    expect(judgeAddress('localhost', '127.0.0.1', allow, none, 3443).allowed).toBe(false);
    expect(judgeAddress('localhost', '127.0.0.1', allow, none).allowed).toBe(false);
    expect(judgeAddress('10.0.0.5', '10.0.0.5', allow, none, 8443).allowed).toBe(true);
    expect(judgeAddress('10.0.0.5', '10.0.0.5', allow, none, 443).allowed).toBe(false);
    expect(outboundListProblem('localhost:2526,soar.corp.example:8443')).toBeUndefined();
    expect(outboundListProblem('localhost:99999')).toContain('no valid port');
  });

  it('validates list entries', () => {
    expect(outboundListProblem('10.0.0.0/8, soar.example, ::1, fd00::/8, *.corp.example')).toBeUndefined();
    expect(outboundListProblem('10.0.0.0/33')).toContain('not a valid CIDR');
    expect(outboundListProblem('http://x')).toContain('not a host name');
  });
});
