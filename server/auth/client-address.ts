// Who is on the other end of a request, for the audit log and per-IP sign-in limits.
// Next's server fills X-Forwarded-For with the socket's peer address (appending to any value a
// client sent), so the last entry is the nearest hop; RIPOSTE_TRUSTED_PROXIES says how many
// proxies in front of Riposte to look through. A client-supplied value is never trusted blindly.
export function clientAddress(headers: Headers, trustedProxies = Number(process.env.RIPOSTE_TRUSTED_PROXIES ?? 0)): string | null {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) return headers.get('x-real-ip');
  const index = Math.max(0, hops.length - 1 - (Number.isFinite(trustedProxies) ? Math.max(0, Math.floor(trustedProxies)) : 0));
  return hops[index] ?? null;
}

export function userAgentOf(headers: Headers): string | null {
  const ua = headers.get('user-agent');
  return ua ? ua.slice(0, 300) : null;
}
