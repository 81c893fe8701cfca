import type { EntityManager } from '@mikro-orm/postgresql';
import type { ParameterizedContext } from 'koa';
import type { Logger } from '../logger';

/** What every request carries, set by the request-context middleware. */
export interface AppState {
  readonly requestId: string;
  readonly log: Logger;
  /** A fork of the ORM's EntityManager for this request only (no shared identity map). */
  readonly em: EntityManager;
  /** The path as the request line logs it, when a route has secrets in it (secretPathParams). */
  logPath?: string;
  /** The body's bytes, when something before the route had to read them (an Idempotency-Key's fingerprint). */
  requestBody?: Buffer;
}

export type AppContext = ParameterizedContext<AppState>;
