import { QboClock } from './qbo-clock';
import { QboCompany } from './qbo-company';
import { QboFaults } from './qbo-faults';
import { TokenStore } from './token-store';
import { WebhookFormat, WebhookSender } from './webhook-sender';

export interface QboSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly verifierToken: string;
  /** Where webhooks go; none are sent without it (sendWebhook can still target a URL given then). */
  readonly webhookUrl?: string;
  /** Webhook payloads: legacy eventNotifications (default) or the CloudEvents array. */
  readonly webhookFormat?: WebhookFormat;
  /** The start of simulated time (real time by default); clock.advance(ms) moves on from it. */
  readonly now?: () => Date;
  /** The app name the consent page shows. */
  readonly appName?: string;
  /** Registered redirect URIs; when given, others are refused as QBO does. Any is accepted without. */
  readonly redirectUris?: readonly string[];
  /** 500/min and 10-concurrent throttling per realm (§8); on by default. */
  readonly rateLimits?: boolean;
  /** Port to listen on (0: any free one). */
  readonly port?: number;
}

/** One logged API request (`sim.requests`). */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly realmId?: string;
  readonly requestId?: string;
  status: number;
  /** The simulator performed the request but destroyed the socket instead of answering. */
  lost?: boolean;
}

/** One call of the token endpoint (`sim.tokenRequests`). */
export interface LoggedTokenRequest {
  readonly grantType: string;
  readonly status: number;
  lost: boolean;
}

/** What the HTTP routes share. */
export interface SimContext {
  readonly options: QboSimulatorOptions;
  readonly clock: QboClock;
  readonly companies: Map<string, QboCompany>;
  readonly tokens: TokenStore;
  readonly faults: QboFaults;
  readonly webhooks: WebhookSender;
  readonly requests: LoggedRequest[];
  readonly tokenRequests: LoggedTokenRequest[];
  nextAuthorizedRealm?: string;
}
