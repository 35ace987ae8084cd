// /api/ready is public: a failed check says what kind of failure it was, never a connection
// string, password or internal host name (driver messages often carry them).
const KNOWN: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  '28P01': 'authentication failed',
  '28000': 'authentication failed',
  '3D000': 'database does not exist',
  '42P01': 'table missing (migrations not applied?)',
  '57P03': 'database is starting up',
  '53300': 'too many connections',
};

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const direct = (err as { code?: unknown }).code;
  if (typeof direct === 'string' && direct in KNOWN) return direct;
  // Prisma and AggregateError wrap the driver's error.
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== err) {
    const inner = codeOf(cause);
    if (inner) return inner;
  }
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors)) for (const e of errors) if (codeOf(e)) return codeOf(e);
  return undefined;
}

export function publicError(err: unknown): string {
  const code = codeOf(err);
  if (code) return KNOWN[code];
  const message = err instanceof Error ? err.message : String(err);
  if (/password|authentication/i.test(message)) return 'authentication failed';
  const known = Object.entries(KNOWN).find(([c]) => message.includes(c));
  if (known) return known[1];
  // Anything else: the message with URLs, host:port pairs and IP addresses taken out.
  return message
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\b(\d{1,3}\.){3}\d{1,3}(:\d+)?\b/g, '<address>')
    .replace(/\b[\w.-]+\.[a-z]{2,}:\d+\b/gi, '<address>')
    .slice(0, 160);
}
