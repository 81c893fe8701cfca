import type { QboAccess } from '../auth/qbo-tokens';

export type { QboAccess };

/**
 * What the client needs of a connection's tokens: the two calls of QboTokens (auth/qbo-tokens.ts),
 * as an interface so the client depends on them and not on how tokens are stored or refreshed.
 */
export interface QboAccessSource {
  /** A valid access token (refreshed first when close to expiry). */
  access(connectionId: string): Promise<QboAccess>;
  /** After a 401 for `rejectedToken`: a fresh access, or needs-user-action when the grant is gone. */
  afterRejection(connectionId: string, rejectedToken: string): Promise<QboAccess>;
}
