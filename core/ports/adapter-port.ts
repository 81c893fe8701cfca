import type { EntityManager } from '@mikro-orm/postgresql';
import { Change } from '../changes/change';
import { SystemId } from '../changes/system-id';
import { ErrorKind } from '../errors/app-error';
import { ItemKind } from '../items/item-kind';

/** One change the rules let through, with the field groups it may change in the target. */
export interface AllowedChange {
  readonly change: Change;
  readonly allowedGroups: readonly string[];
}

/** Input of AdapterPortV1.apply: changes for one connection, already allowed by the rules. */
export interface ApplyChangesInput {
  readonly connectionId: string;
  readonly changes: readonly AllowedChange[];
  /**
   * The caller's open transaction: the target's writes commit or roll back together with the
   * bookmark that covers them.
   */
  readonly transaction: EntityManager;
  readonly now: Date;
}

/**
 * What became of one change: applied now, deferred (queued for the system's next contact, as
 * QuickBooks writes wait for the Web Connector), skipped (nothing to do), or failed.
 */
export interface ChangeOutcome {
  readonly index: number;
  readonly outcome: 'applied' | 'deferred' | 'skipped' | 'failed';
  /** The record's id in this (the target) system, once known. */
  readonly targetId?: string;
  /**
   * What an applied or skipped upsert did to the target's record: made it, changed it, or found
   * it as it was (a re-read of the same version). The log says "added" or "updated", and leaves
   * out the unchanged ones: they are no news to the partner.
   */
  readonly effect?: RecordEffect;
  readonly error?: { readonly kind: ErrorKind; readonly message: string };
}

export type RecordEffect = 'created' | 'updated' | 'unchanged';

/**
 * Where a record another system sent to this one stands here, in the target's own terms
 * translated to four: on its way, written (with this system's id), removed again (a failed
 * payment reverted or returned), or refused (what the partner must do, in `message`).
 */
export interface RecordInTarget {
  readonly state: 'pending' | 'written' | 'removed' | 'refused';
  readonly targetId?: string;
  readonly message?: string;
}

/** Input of AdapterPortV1.recordsInTarget: records of one item, by the id their source gave them. */
export interface RecordsInTargetInput {
  readonly connectionId: string;
  readonly item: ItemKind;
  readonly sourceIds: readonly string[];
  readonly transaction: EntityManager;
}

/** What happened to one of an adapter's records, as its webhook events tell it (record-events.ts). */
export type RecordNews = 'created' | 'updated' | 'archived' | 'written';

/** Input of AdapterPortV1.recordEvents: records of one item this adapter keeps, and what happened to each, in order. */
export interface RecordEventsInput {
  readonly connectionId: string;
  readonly item: ItemKind;
  /** `id` is the record's id in this adapter; `written`: a write of it to another system finished. */
  readonly news: readonly { readonly id: string; readonly news: RecordNews }[];
  readonly transaction: EntityManager;
  /** Only types some endpoint takes are built (the views cost queries). */
  wants(type: string): boolean;
  /** What became of these records in the connection's other system (its adapter's recordsInTarget). */
  recordsThere(item: ItemKind, ids: readonly string[]): Promise<ReadonlyMap<string, RecordInTarget>>;
}

export interface ApplyChangesOutput {
  readonly results: readonly ChangeOutcome[];
}

/**
 * What an adapter implements, version 1. The core talks to adapters only through this; a new
 * accounting system is a new adapter plus a plugin with its rules, and nothing in core/.
 * Each method takes one typed input object and returns one typed output, so fields can be
 * added later without breaking adapters.
 */
export interface AdapterPortV1 {
  readonly portVersion: 1;
  readonly system: SystemId;
  readonly displayName: string;
  /**
   * What a partner should check when a connection to this system goes quiet (no sync for three
   * intervals): the usual causes, in the partner's words. Shown with the warning.
   */
  readonly quietAdvice?: string;
  /** Items this adapter emits as a source. */
  readonly reads: readonly ItemKind[];
  /** Items this adapter can apply as a target. */
  readonly writes: readonly ItemKind[];
  /**
   * Named conditions that hold for the target record of each change (for rules with `when`),
   * in the order given: looked up together, so a page of records costs one query, not one each.
   */
  factsOf?(input: {
    readonly connectionId: string;
    readonly changes: readonly Change[];
    readonly transaction: EntityManager;
  }): Promise<readonly (readonly string[])[]>;
  /**
   * What became of the writes this adapter was given (the changes it deferred): one entry per
   * record it has heard of, none for records it never got. The source's views ask this, so they
   * never read another system's operation names. Adapters that apply synchronously leave it out.
   */
  recordsInTarget?(input: RecordsInTargetInput): Promise<ReadonlyMap<string, RecordInTarget>>;
  /**
   * The webhook events of news about records this adapter keeps, in the order given, with `data`
   * in the shape its REST API answers for the record; a page of records in a few queries, not
   * a few each. Adapters without a partner-facing API leave it out.
   */
  recordEvents?(input: RecordEventsInput): Promise<readonly { readonly type: string; readonly data: unknown }[]>;
  /** Applies a batch; one outcome per change, never a throw for one bad record. */
  apply(input: ApplyChangesInput): Promise<ApplyChangesOutput>;
}

/** The port versions this core can drive. */
export const SUPPORTED_PORT_VERSIONS = [1] as const;
