// How an SMTP connection uses TLS. It replaced a single `secure` switch whose "off" meant
// "STARTTLS if the server offers it": a man in the middle could strip the offer and read the
// password. Now STARTTLS is required unless "none" is chosen explicitly.
export const SMTP_TLS_MODES = ['tls', 'starttls', 'none'] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

export const SMTP_TLS_LABELS: Record<SmtpTlsMode, string> = {
  tls: 'TLS from the start (port 465)',
  starttls: 'STARTTLS, required (ports 587, 25)',
  none: 'None: plain text (local relays and capture only)',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The mode of a connection saved with the old switch or none at all: `secure` → tls; otherwise
 * STARTTLS required, except on this machine (loopback), where the old code never tried TLS either.
 */
export function legacyTlsMode(host: string, secure: boolean | undefined): SmtpTlsMode {
  if (secure === true) return 'tls';
  return LOOPBACK.has(host.trim().toLowerCase()) ? 'none' : 'starttls';
}

/** The mode stored in a connection's config, tolerating rows written before tlsMode existed. */
export function tlsModeOf(config: { tlsMode?: unknown; secure?: unknown; host?: unknown }): SmtpTlsMode {
  const mode = SMTP_TLS_MODES.find((m) => m === config.tlsMode);
  if (mode) return mode;
  return legacyTlsMode(typeof config.host === 'string' ? config.host : '', config.secure === true ? true : undefined);
}
