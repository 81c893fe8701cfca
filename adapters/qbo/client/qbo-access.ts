/**
 * What the client needs of the connection's tokens: helper-owned adapters/qbo/auth/qbo-tokens.ts
 * (QboTokens) has exactly this shape, and qbo-module.ts binds it to QBO_ACCESS_SOURCE. Kept as
 * its own small interface so the client and the sync depend on the two calls they make, not on
 * how tokens are stored or refreshed.
 */
export interface QboAccess {
  readonly realmId: string;
  readonly accessToken: string;
}

export interface QboAccessSource {
  /** A valid access token (refreshed first when close to expiry). */
  access(connectionId: string): Promise<QboAccess>;
  /** After a 401 for `rejectedToken`: a fresh access, or needs-user-action when the grant is gone. */
  afterRejection(connectionId: string, rejectedToken: string): Promise<QboAccess>;
}

export const QBO_ACCESS_SOURCE = Symbol.for('qbo/QboAccessSource');

/**
 * The parts of the app's QuickBooks Online endpoints (adapters/qbo/qbo-endpoints.ts, bound from
 * the environment under the same symbol) that the client and the webhook route read.
 */
export interface QboApiEndpoints {
  readonly apiBaseUrl: string;
  readonly webhookVerifierToken: string;
}

export const QBO_API_ENDPOINTS = Symbol.for('qbo/QboEndpoints');
