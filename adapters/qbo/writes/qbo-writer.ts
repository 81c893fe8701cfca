import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../core/errors/app-error';
import type { OutboxRow } from '../../../core/store/outbox';
import type { QboClient } from '../client/qbo-client';
import type { QboWriteSettings } from './qbo-write-settings';

/** What a writer has at hand: the client, the partner's accounts, a database handle outside any transaction. */
export interface WriteContext {
  readonly em: EntityManager;
  readonly client: QboClient;
  readonly connectionId: string;
  readonly settings: QboWriteSettings;
  readonly now: Date;
  readonly signal?: AbortSignal;
}

/**
 * How a write ended: done (with the QBO id), cancelled (nothing to do after all), needing the
 * partner (what to do, in their words), or not yet (`wait`: what it needs is still on its way).
 */
export type WriteEnd =
  | { readonly state: 'done'; readonly targetId?: string; readonly message?: string }
  | { readonly state: 'cancelled'; readonly message: string }
  | { readonly state: 'needs-action'; readonly message: string }
  | 'wait';

/**
 * One outbox operation's write to QBO, as data: the write itself, what it needs chosen first,
 * its word in the sync log, and how a refusal is put to the partner. The outbox loop runs every
 * writer the same way (qbo-outbox-writes.ts).
 */
export interface QboWriter {
  readonly operation: string;
  /** How the sync's counts name what it wrote: 'payments'. */
  readonly what: string;
  readonly logAs: string;
  /** The account that must be chosen before it can be written (none: QBO's default is right). */
  readonly needs?: 'deposit-account';
  /**
   * Carries the row out. Throws for what the row cannot settle: a transient error leaves the row
   * sent, to be sent again with the same requestid (so a lost answer is answered, not done twice).
   */
  write(context: WriteContext, row: OutboxRow): Promise<WriteEnd>;
  /** The partner's words for a refusal (an invalid or conflicting write). */
  refusal?(refused: AppError): string;
}

export function defineQboWriter(writer: QboWriter): QboWriter {
  if (!writer.operation || !writer.what || !writer.logAs) throw new AppError('internal', `The writer "${writer.operation}" is not defined correctly.`);
  return writer;
}

/**
 * The requestid of a row's n-th try at its write: the row id first, then a suffix per retry
 * after a stale SyncToken (a refused request may be replayed as refused, reference §6.5
 * UNVERIFIED). Deterministic, so a re-send of any try replays that try's answer. At most 50 characters.
 */
export function requestIdOf(row: Pick<OutboxRow, 'id'>, retry = 0): string {
  return retry === 0 ? row.id : `${row.id}.r${retry}`;
}
