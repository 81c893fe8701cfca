import { inject, injectable, optional } from 'inversify';
import { QboTokens } from '../auth/qbo-tokens';
import { QBO_ENDPOINTS, QboEndpoints } from '../qbo-endpoints';
import { QboClient, QboClientOptions } from './qbo-client';
import { QboPace } from './qbo-pace';

/** Optional: tests bind shorter backoffs; the service takes the defaults. */
export const QBO_CLIENT_OPTIONS = Symbol.for('qbo/QboClientOptions');

/**
 * Makes a connection's client. One per service: the pace it shares between clients is per realm,
 * so every sync and write of one company in this process waits in the same line.
 */
@injectable()
export class QboClients {
  private readonly pace = new QboPace();

  constructor(
    @inject(QboTokens) private readonly tokens: QboTokens,
    @inject(QBO_ENDPOINTS) private readonly endpoints: QboEndpoints,
    @inject(QBO_CLIENT_OPTIONS) @optional() private readonly options: QboClientOptions = {},
  ) {}

  clientFor(connectionId: string): QboClient {
    return new QboClient(connectionId, this.tokens, this.endpoints.apiBaseUrl, this.pace, this.options);
  }
}
