// Which network addresses outbound steps (Teams, Slack, HTTP request) may reach. By default every
// private, loopback, link-local (cloud metadata at 169.254.169.254), shared, multicast and
// reserved range is refused, so a flow cannot be pointed at the worker's own network; an admin
// opens specific ranges or hosts with RIPOSTE_OUTBOUND_ALLOW and closes more with RIPOSTE_OUTBOUND_DENY.
import { isIP } from 'node:net';

/** An address as bits plus its family; IPv4-mapped IPv6 (::ffff:a.b.c.d) is unwrapped to IPv4. */
interface Address {
  family: 4 | 6;
  value: bigint;
}

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
  /** As written, for messages. */
  text: string;
}

function ipv4ToBigint(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigint(ip: string): bigint {
  let text = ip;
  // A trailing dotted quad (::ffff:10.0.0.1, ::10.0.0.1) becomes two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToBigint(dotted[1]!);
    text = text.slice(0, dotted.index) + `${((v4 >> 16n) & 0xffffn).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

/** Parses a literal IP (IPv6 may carry brackets or a zone id); undefined when it is not one. */
export function parseAddress(ip: string): Address | undefined {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return { family: 4, value: ipv4ToBigint(bare) };
  if (family !== 6) return undefined;
  const value = ipv6ToBigint(bare);
  // IPv4-mapped (::ffff:0:0/96): the socket reaches the IPv4 address, so it is judged as one.
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}

export function parseCidr(text: string): Cidr | undefined {
  const [ip, prefixText] = text.trim().split('/');
  const addr = parseAddress(ip ?? '');
  if (!addr) return undefined;
  const bits = addr.family === 4 ? 32 : 128;
  // A mapped IPv6 CIDR (::ffff:10.0.0.0/104) is written against 128 bits: shift it onto IPv4.
  const mappedShift = addr.family === 4 && isIP((ip ?? '').replace(/^\[|\]$/g, '')) === 6 ? 96 : 0;
  const prefix = prefixText === undefined ? bits : Number(prefixText) - mappedShift;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { family: addr.family, base: addr.value & mask, prefix, text: text.trim() };
}

function contains(cidr: Cidr, addr: Address): boolean {
  if (cidr.family !== addr.family) return false;
  const bits = cidr.family === 4 ? 32 : 128;
  const mask = cidr.prefix === 0 ? 0n : ((1n << BigInt(cidr.prefix)) - 1n) << BigInt(bits - cidr.prefix);
  return (addr.value & mask) === cidr.base;
}

/** Ranges refused by default, each with the reason a refusal names. */
const SPECIAL_RANGES: ReadonlyArray<{ cidr: Cidr; reason: string }> = [
  ['0.0.0.0/8', '"this network" (0.0.0.0/8)'],
  ['10.0.0.0/8', 'a private address (10.0.0.0/8)'],
  ['100.64.0.0/10', 'a shared carrier-grade NAT address (100.64.0.0/10)'],
  ['127.0.0.0/8', 'a loopback address (127.0.0.0/8)'],
  ['169.254.0.0/16', 'a link-local address (169.254.0.0/16, where cloud metadata services live)'],
  ['172.16.0.0/12', 'a private address (172.16.0.0/12)'],
  ['192.0.0.0/24', 'an IETF protocol address (192.0.0.0/24)'],
  ['192.0.2.0/24', 'a documentation address (192.0.2.0/24)'],
  ['192.168.0.0/16', 'a private address (192.168.0.0/16)'],
  ['198.18.0.0/15', 'a benchmarking address (198.18.0.0/15)'],
  ['198.51.100.0/24', 'a documentation address (198.51.100.0/24)'],
  ['203.0.113.0/24', 'a documentation address (203.0.113.0/24)'],
  ['224.0.0.0/3', 'a multicast or reserved address (224.0.0.0 and above)'],
  ['::/128', 'the unspecified address (::)'],
  ['::1/128', 'the loopback address (::1)'],
  ['64:ff9b::/96', 'a NAT64 address (64:ff9b::/96, which can reach IPv4 private ranges)'],
  ['100::/64', 'a discard address (100::/64)'],
  ['2001:db8::/32', 'a documentation address (2001:db8::/32)'],
  ['fc00::/7', 'a unique-local address (fc00::/7)'],
  ['fe80::/10', 'a link-local address (fe80::/10)'],
  ['fec0::/10', 'a site-local address (fec0::/10)'],
  ['ff00::/8', 'a multicast address (ff00::/8)'],
].map(([text, reason]) => ({ cidr: parseCidr(text as string) as Cidr, reason: reason as string }));

/** Why the default policy refuses this address, or undefined when it is a public address. */
export function specialRangeOf(ip: string): string | undefined {
  const addr = parseAddress(ip);
  if (!addr) return 'not an IP address';
  // IPv4-compatible (::a.b.c.d, deprecated) addresses are refused outright: nothing public uses them.
  if (addr.family === 6 && addr.value >> 32n === 0n && addr.value > 1n) return 'an IPv4-compatible IPv6 address (::/96)';
  return SPECIAL_RANGES.find((r) => contains(r.cidr, addr))?.reason;
}

/** The admin's lists: CIDRs (or single IPs) and host names, from RIPOSTE_OUTBOUND_ALLOW / _DENY. */
export interface OutboundLists {
  cidrs: Cidr[];
  hosts: string[];
  /** `host:port` entries: the host on that port only (narrower than a host entry). */
  hostPorts: string[];
}

/** `soar.corp.example:8443` or `10.0.0.5:8443` (IPv6 addresses take no port here). */
const HOST_PORT = /^([^:]+):(\d{1,5})$/;

/** Comma-separated entries; an entry that is an IP or CIDR is a range, anything else a host name. */
export function parseOutboundList(text: string | undefined): OutboundLists {
  const lists: OutboundLists = { cidrs: [], hosts: [], hostPorts: [] };
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const cidr = parseCidr(entry);
    const hostPort = HOST_PORT.exec(entry);
    if (cidr) lists.cidrs.push(cidr);
    else if (hostPort) lists.hostPorts.push(`${hostPort[1]!.replace(/\.$/, '')}:${Number(hostPort[2])}`);
    else lists.hosts.push(entry.replace(/\.$/, ''));
  }
  return lists;
}

/** Every entry must be a CIDR, an IP or a plausible host name (used by the env schema). */
export function outboundListProblem(text: string): string | undefined {
  for (const raw of text.split(',')) {
    const hostPort = HOST_PORT.exec(raw.trim());
    if (hostPort && (Number(hostPort[2]) < 1 || Number(hostPort[2]) > 65535)) return `"${raw.trim()}" has no valid port`;
    const entry = hostPort ? hostPort[1]! : raw.trim();
    if (entry === '' || parseCidr(entry)) continue;
    if (isIP(entry.split('/')[0] ?? '') !== 0) return `"${entry}" is not a valid CIDR`;
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry)) return `"${entry}" is not a host name, IP or CIDR`;
  }
  return undefined;
}

/** `*.corp.example` matches sub-domains; any other entry matches the host exactly. */
export function hostListed(host: string, hosts: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return hosts.some((entry) => (entry.startsWith('*.') ? h.endsWith(entry.slice(1)) : h === entry));
}

export function addressListed(ip: string, cidrs: readonly Cidr[]): Cidr | undefined {
  const addr = parseAddress(ip);
  return addr ? cidrs.find((c) => contains(c, addr)) : undefined;
}

export interface Verdict {
  allowed: boolean;
  /** Why not (names the range or list); absent when allowed. */
  reason?: string;
  /** The destination is on the allow list (by host or address): plain http is accepted for it. */
  allowListed: boolean;
}

/**
 * Judges one resolved address of `host` (reached on `port`). Deny entries win over allow
 * entries; an allow entry (by host name, host:port or range) opens a special range; everything else public is allowed.
 */
export function judgeAddress(host: string, ip: string, allow: OutboundLists, deny: OutboundLists, port?: number): Verdict {
  if (hostListed(host, deny.hosts)) return { allowed: false, reason: 'the host is on RIPOSTE_OUTBOUND_DENY', allowListed: false };
  const denied = addressListed(ip, deny.cidrs);
  if (denied) return { allowed: false, reason: `${ip} is in ${denied.text}, which RIPOSTE_OUTBOUND_DENY lists`, allowListed: false };
  const onPort = port !== undefined && allow.hostPorts.includes(`${host.toLowerCase().replace(/\.$/, '')}:${port}`);
  const allowListed = onPort || hostListed(host, allow.hosts) || addressListed(ip, allow.cidrs) !== undefined;
  if (allowListed) return { allowed: true, allowListed: true };
  const special = specialRangeOf(ip);
  if (special) return { allowed: false, reason: `${ip} is ${special}`, allowListed: false };
  return { allowed: true, allowListed: false };
}
