import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../core/runtime/tokens';
import { emitConnectionEvent } from '../../../core/webhooks/connection-events';
import { credentialKey } from '../store/credential-key';
import { InstallRow, SigningInConnection, installForSignIn } from '../store/install-store';
import { countFailureFrom, recordRefusal, signInRecord } from '../store/sign-in-store';
import type { SqlStatement } from '../../../core/store/send-together';
import { hashPassword, isLegacyHash, verifyPassword } from './credentials';

/**
 * Wrong passwords are counted per source address, never per user: a per-user lock-out lets
 * anyone who has seen a QWC file lock its user out for good. An address that fails this many
 * times in the window is refused without a check until the window ends (docs/adr/0004).
 */
export const SIGN_IN_THROTTLE = { failures: 20, windowSeconds: 60 } as const;

/** Addresses held in memory as throttled; past this, expired entries are swept first. */
const MAX_THROTTLED_ADDRESSES = 10_000;

/** Never equal to a real hash, so an unknown user costs the same check as a known one. */
const NO_USER_HASH = 'hmac-sha256$';

export type SignInResult =
  | {
      readonly kind: 'signed-in';
      readonly install: InstallRow;
      readonly connection: SigningInConnection;
      /** The sign-in's record on the install (when, and a hash of the old scheme replaced): the caller sends it with its own first write. */
      readonly record: SqlStatement;
    }
  | { readonly kind: 'refused' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

/**
 * Checks a Web Connector's user name and password. A check is a keyed hash (microseconds), so
 * a flood of wrong passwords costs little; the refusals are recorded on the install the user
 * name belongs to, for the partner to see (how many, when, from where). A good sign-in's record
 * is handed to the caller to send with its first write (a round trip fewer a session).
 */
@injectable()
export class SignIn {
  private key?: Promise<Buffer>;
  /** Address -> the time (ms) its window ends; this instance refuses it until then without a look-up. */
  private readonly throttled = new Map<string, number>();

  constructor(@inject(TOKENS.Clock) private readonly clock: () => Date) {}

  async check(em: EntityManager, username: string, password: string, source: string): Promise<SignInResult> {
    const now = this.clock();
    const until = this.throttled.get(source);
    if (until !== undefined && until > now.getTime()) return { kind: 'throttled', retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
    this.throttled.delete(source);

    const key = await this.keyOf(em);
    const found = await installForSignIn(em, username);
    const install = found?.install;
    // An unknown user goes through the same check, against a hash that matches nothing.
    const valid = await verifyPassword(password, install?.password_hash ?? NO_USER_HASH, key);
    if (!install || !valid) {
      // The refusal and its webhook event together; a refusal of an unknown user name has no connection to tell.
      if (install)
        await em.transactional(async (tx) => {
          await recordRefusal(tx as EntityManager, install.id, source, now);
          await emitConnectionEvent(tx as EntityManager, install.connection_id, 'connection.sign_in_refused', now, { refusedFrom: source || null });
        });
      const { failures, windowStartedAt } = await countFailureFrom(em, source, now, SIGN_IN_THROTTLE.windowSeconds);
      if (failures >= SIGN_IN_THROTTLE.failures) this.throttle(source, windowStartedAt.getTime() + SIGN_IN_THROTTLE.windowSeconds * 1000, now.getTime());
      return { kind: 'refused' };
    }
    const record = signInRecord(install.id, now, isLegacyHash(install.password_hash) ? hashPassword(password, key) : undefined);
    return { kind: 'signed-in', install, connection: found.connection, record };
  }

  private keyOf(em: EntityManager): Promise<Buffer> {
    this.key ??= credentialKey(em).catch((error: unknown) => {
      this.key = undefined; // a database hiccup must not poison every later sign-in
      throw error;
    });
    return this.key;
  }

  private throttle(source: string, until: number, now: number): void {
    if (this.throttled.size >= MAX_THROTTLED_ADDRESSES) {
      for (const [address, end] of this.throttled) if (end <= now) this.throttled.delete(address);
      // Still full: forget the oldest; the database still counts it, so it is throttled again at its next failure.
      if (this.throttled.size >= MAX_THROTTLED_ADDRESSES) this.throttled.delete(this.throttled.keys().next().value!);
    }
    this.throttled.set(source, until);
  }
}
