import { Money, moneyToCents } from '../../../core/values/money';
import { QboClock } from './qbo-clock';
import { ChangeEvent, ChangeOperation, EntityName, ENTITY_NAMES, SimEntity, Tombstone } from './qbo-records';

/**
 * One QBO company (realm): its objects, deleted-transaction tombstones, and the indexes that
 * make balances computable (which payment applies how much to which invoice, which deposit holds
 * which payment). Writes go through write-*.ts; this class only stores and stamps.
 */
export class QboCompany {
  readonly rows = Object.fromEntries(ENTITY_NAMES.map((name) => [name, new Map<string, SimEntity>()])) as Record<EntityName, Map<string, SimEntity>>;
  readonly tombstones: Tombstone[] = [];
  /** invoice Id -> payment Id -> applied cents. */
  readonly applied = new Map<string, Map<string, bigint>>();
  /** payment Id -> deposit Id. */
  readonly depositOf = new Map<string, string>();
  private readonly sequences = new Map<string, number>();
  private readonly listeners: ((event: ChangeEvent) => void)[] = [];
  /** Set by the history generator so old objects carry old stamps. */
  private stampOverride?: Date;
  /** Who the next changes are attributed to (webhook events carry it). */
  actor: ChangeEvent['by'] = 'api';

  constructor(
    readonly realmId: string,
    readonly name: string,
    readonly clock: QboClock,
  ) {}

  now(): Date {
    return this.stampOverride ?? this.clock.now();
  }

  /** Runs `work` as if it happened at `at` (history generation). */
  at<T>(at: Date, work: () => T): T {
    const saved = this.stampOverride;
    this.stampOverride = new Date(Math.floor(at.getTime() / 1000) * 1000);
    try {
      return work();
    } finally {
      this.stampOverride = saved;
    }
  }

  /** As `actor` (a person in QBO), for bookkeeper changes. */
  as<T>(actor: ChangeEvent['by'], work: () => T): T {
    const saved = this.actor;
    this.actor = actor;
    try {
      return work();
    } finally {
      this.actor = saved;
    }
  }

  onChange(listener: (event: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Server-assigned digit-string Ids. One sequence for name lists and one shared by all
   * transactions (UNVERIFIED: ../shared/reference/qbo-api.md Appendix A.16).
   */
  nextId(entity: EntityName): string {
    const key = entity === 'Customer' || entity === 'Item' ? entity : entity === 'Account' ? 'Account' : 'Txn';
    const start = key === 'Txn' ? 100 : key === 'Account' ? 90 : 1;
    const next = (this.sequences.get(key) ?? start - 1) + 1;
    this.sequences.set(key, next);
    return String(next);
  }

  /** Keeps a fixed Id (seeded accounts such as Undeposited Funds "4"). */
  insertWithId(entity: EntityName, id: string, fields: Record<string, unknown>): SimEntity {
    const now = this.now();
    const row: SimEntity = { entity, id, syncToken: 0, created: now, updated: now, fields };
    this.rows[entity].set(id, row);
    this.emit(row, 'Create');
    return row;
  }

  insert(entity: EntityName, fields: Record<string, unknown>): SimEntity {
    return this.insertWithId(entity, this.nextId(entity), fields);
  }

  /** Every write bumps SyncToken and LastUpdatedTime, UI edits included. */
  touch(row: SimEntity, operation: ChangeOperation = 'Update'): void {
    row.syncToken += 1;
    const now = this.now();
    // A change always gets a stamp after the previous one, even within one simulated second.
    row.updated = now > row.updated ? now : new Date(row.updated.getTime() + 1000);
    this.emit(row, operation);
  }

  remove(row: SimEntity): void {
    this.rows[row.entity].delete(row.id);
    const tombstone = { entity: row.entity, id: row.id, at: this.now() };
    this.tombstones.push(tombstone);
    this.listeners.forEach((l) => l({ realmId: this.realmId, name: row.entity, id: row.id, operation: 'Delete', at: tombstone.at, by: this.actor }));
  }

  get(entity: EntityName, id: string): SimEntity | undefined {
    return this.rows[entity].get(id);
  }

  appliedTo(invoiceId: string): bigint {
    let cents = 0n;
    for (const amount of this.applied.get(invoiceId)?.values() ?? []) cents += amount;
    return cents;
  }

  /** Replaces what one payment applies (none when `lines` is empty). */
  setApplications(paymentId: string, lines: readonly { invoiceId: string; amount: Money }[]): void {
    for (const byPayment of this.applied.values()) byPayment.delete(paymentId);
    for (const line of lines) {
      const byPayment = this.applied.get(line.invoiceId) ?? new Map<string, bigint>();
      byPayment.set(paymentId, (byPayment.get(paymentId) ?? 0n) + moneyToCents(line.amount));
      this.applied.set(line.invoiceId, byPayment);
    }
  }

  private emit(row: SimEntity, operation: ChangeOperation): void {
    const event = { realmId: this.realmId, name: row.entity, id: row.id, operation, at: row.updated, by: this.actor };
    this.listeners.forEach((l) => l(event));
  }
}
