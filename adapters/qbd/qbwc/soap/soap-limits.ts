/**
 * What one SOAP call of the Web Connector may hold. A real envelope has about ten elements, a
 * handful of namespace attributes and short parameters, except QuickBooks' answer, which is
 * streamed and bounded only by the body size (our queries page with MaxReturned, so a page is
 * a few MB). Everything else is refused the moment it is passed, before the rest is read.
 */
export const SOAP_LIMITS = {
  /** The whole body. QuickBooks' pages stay far below; peers allow at least 10 MB. */
  maxBodyBytes: 32 * 1024 * 1024,
  /** Envelope > Body > method > parameter is 4; headers from other clients may nest a little. */
  maxDepth: 16,
  maxElements: 256,
  maxAttributesPerElement: 16,
  maxAttributeChars: 2048,
  /** A parameter held whole (ticket, user name, hresult, message). */
  maxParameterChars: 16 * 1024,
  /** The first call's Host/Company/Preferences answers: a few KB in practice. */
  maxHcpChars: 1024 * 1024,
  /** Whitespace, comments and header text outside the parameters, all together. */
  maxOtherChars: 64 * 1024,
} as const;

export type SoapLimits = typeof SOAP_LIMITS;
