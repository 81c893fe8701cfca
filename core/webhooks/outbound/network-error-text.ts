const TEXTS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS: the certificate does not name the URL's host",
  CERT_HAS_EXPIRED: 'TLS: the certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: the certificate chain cannot be verified',
  HPE_INVALID_CONSTANT: 'the answer is not HTTP',
};

/**
 * A short, stable text for a failed attempt, shown to the partner in the delivery list: the
 * error code in words, never a stack or an address of ours.
 */
export function networkErrorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return TEXTS[code] ?? `network error (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return `network error (${message.slice(0, 120)})`;
}
