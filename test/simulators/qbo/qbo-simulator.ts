import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Bookkeeper } from './bookkeeper';
import { CompanyOptions, generateCompany } from './company-generator';
import { AUTHORIZE_PATH, createRouter, REVOKE_PATH, TOKEN_PATH } from './http-router';
import { QboClock } from './qbo-clock';
import { QboFaults } from './qbo-faults';
import { seededRandom } from '../qbd/seeded-random';
import { LoggedRequest, LoggedTokenRequest, QboSimulatorOptions, SimContext } from './sim-context';
import { TokenStore } from './token-store';
import { WebhookDelivery, WebhookEntity, WebhookFormat, WebhookSender } from './webhook-sender';

export type { QboSimulatorOptions, LoggedRequest, LoggedTokenRequest, WebhookDelivery, WebhookEntity, WebhookFormat };

/** A running QuickBooks Online simulator (see startQboSimulator). */
export interface QboSimulator {
  /** `http://127.0.0.1:PORT`; the API is at `${url}/v3/company/{realmId}/…`. */
  readonly url: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly revokeUrl: string;
  readonly clock: QboClock;
  readonly faults: QboFaults;
  readonly requests: LoggedRequest[];
  /** Every token endpoint call: grant type, status, and whether loseAnswer cut it. */
  readonly tokenRequests: LoggedTokenRequest[];
  /** Every webhook notification sent, with the receiver's status. */
  readonly webhookDeliveries: WebhookDelivery[];
  /** The company the next authorization signs into (then the first company again). */
  nextAuthorizedRealm?: string;
  createCompany(options?: CompanyOptions): string;
  books(realmId: string): Bookkeeper;
  /**
   * Sends a webhook now, correctly signed unless `forged`. Resolves with its delivery, or
   * undefined when it is held behind an unacknowledged one of the same realm.
   */
  sendWebhook(
    realmId: string,
    entities: readonly WebhookEntity[],
    options?: { forged?: boolean; url?: string; format?: WebhookFormat },
  ): Promise<WebhookDelivery | undefined>;
  /** Retries the webhooks due on the simulated clock now (a 1 s timer does it too). */
  retryDueWebhooks(): Promise<void>;
  /** Switches the payload of later webhooks, as the app's portal toggle does. */
  webhookFormat: WebhookFormat;
  /** Resolves once every automatic webhook queued so far has been delivered (or failed). */
  webhooksIdle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a QuickBooks Online (Accounting API v3) simulator on 127.0.0.1, faithful to
 * ../shared/reference/qbo-api.md: OAuth 2.0 with rotating refresh tokens, the query language,
 * CDC, writes with SyncToken, requestid replay, faults and throttling, signed webhooks.
 *
 * @example
 *   const sim = await startQboSimulator({ clientId: 'id', clientSecret: 'secret', verifierToken: 'v' });
 *   const realmId = sim.createCompany({ seed: 7, customers: 5, invoices: 20 });
 *   sim.books(realmId).payInvoice('100', '10.00');
 */
export async function startQboSimulator(options: QboSimulatorOptions): Promise<QboSimulator> {
  const clock = new QboClock(options.now);
  const tokens = new TokenStore(clock);
  const webhooks = new WebhookSender(clock, options.verifierToken, options.webhookUrl, options.webhookFormat);
  const ctx: SimContext = {
    options,
    clock,
    companies: new Map(),
    tokens,
    faults: new QboFaults(tokens, options.rateLimits !== false),
    webhooks,
    requests: [],
    tokenRequests: [],
  };
  const retryTimer = setInterval(() => void webhooks.pump(), 1000);
  retryTimer.unref();
  const server = createServer(createRouter(ctx));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    authorizeUrl: `${url}${AUTHORIZE_PATH}`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    revokeUrl: `${url}${REVOKE_PATH}`,
    clock,
    faults: ctx.faults,
    requests: ctx.requests,
    tokenRequests: ctx.tokenRequests,
    webhookDeliveries: webhooks.deliveries,
    get nextAuthorizedRealm() {
      return ctx.nextAuthorizedRealm;
    },
    set nextAuthorizedRealm(realmId: string | undefined) {
      ctx.nextAuthorizedRealm = realmId;
    },
    createCompany(companyOptions = {}) {
      // Realm ids look like new sandbox ones (16 digits, `9341…`), from the seed.
      const rnd = seededRandom((companyOptions.seed ?? 1) * 7919 + ctx.companies.size);
      let realmId = `9341${String(Math.floor(rnd() * 1e12)).padStart(12, '0')}`;
      while (ctx.companies.has(realmId)) realmId = String(BigInt(realmId) + 1n);
      const company = generateCompany(realmId, clock, companyOptions);
      // Webhooks for what happens from now on, bookkeeper changes and (UNVERIFIED, §9.1) our own API writes.
      company.onChange((event) => webhooks.changed(event));
      ctx.companies.set(realmId, company);
      return realmId;
    },
    books(realmId) {
      const company = ctx.companies.get(realmId);
      if (!company) throw new Error(`No simulated company ${realmId}`);
      return new Bookkeeper(company);
    },
    get webhookFormat() {
      return webhooks.format;
    },
    set webhookFormat(format: WebhookFormat) {
      webhooks.format = format;
    },
    sendWebhook: (realmId, entities, sendOptions) => webhooks.send(realmId, entities, sendOptions),
    webhooksIdle: () => webhooks.idle(),
    retryDueWebhooks: () => webhooks.pump(),
    async stop() {
      clearInterval(retryTimer);
      await webhooks.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
