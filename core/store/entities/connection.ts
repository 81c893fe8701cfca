import { EntitySchema, Opt } from '@mikro-orm/core';
import { Partner } from './partner';

export const CONNECTION_STATUSES = ['pending', 'connected', 'paused', 'error'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * A partner's link to one company in one accounting system: what every system has. What one
 * system needs beside it (a QuickBooks company file path, its accounts) is that adapter's own.
 */
export class Connection {
  id!: string;
  partner!: Partner;
  /** Which adapter serves it, e.g. `qbd`. */
  system!: string;
  companyName!: string;
  status!: ConnectionStatus;
  syncIntervalMinutes: Opt<number> = 5;
  lastAuthenticatedAt?: Date | null;
  lastSyncAt?: Date | null;
  progressPercent: Opt<number> = 0;
  progressPhase: Opt<string> = 'waiting';
  lastErrorCode?: string | null;
  lastErrorMessage?: string | null;
  /** When the accounting system last answered a request: the connection's pulse. */
  lastAnsweredAt?: Date | null;
  /** Set when the connection was found quiet and the warning written; cleared when it calls again. */
  quietSince?: Date | null;
  /** The running (or last) session's counts, shown beside its phase. */
  progressCounts: Opt<Record<string, number>> = {};
  /** Set by "sync now": the next session runs a full cycle. */
  fullSyncRequestedAt?: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ConnectionSchema = new EntitySchema<Connection>({
  class: Connection,
  tableName: 'connection',
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { kind: 'm:1', entity: () => Partner, fieldName: 'partner_id', deleteRule: 'cascade' },
    system: { type: 'text' },
    companyName: { type: 'text', fieldName: 'company_name' },
    status: { type: 'text' },
    syncIntervalMinutes: { type: 'integer', fieldName: 'sync_interval_minutes' },
    lastAuthenticatedAt: { type: 'Date', columnType: 'timestamptz', nullable: true, fieldName: 'last_authenticated_at' },
    lastSyncAt: { type: 'Date', columnType: 'timestamptz', nullable: true, fieldName: 'last_sync_at' },
    progressPercent: { type: 'integer', fieldName: 'progress_percent' },
    progressPhase: { type: 'text', fieldName: 'progress_phase' },
    lastErrorCode: { type: 'text', nullable: true, fieldName: 'last_error_code' },
    lastErrorMessage: { type: 'text', nullable: true, fieldName: 'last_error_message' },
    lastAnsweredAt: { type: 'Date', columnType: 'timestamptz', nullable: true, fieldName: 'last_answered_at' },
    quietSince: { type: 'Date', columnType: 'timestamptz', nullable: true, fieldName: 'quiet_since' },
    progressCounts: { type: 'json', fieldName: 'progress_counts' },
    fullSyncRequestedAt: { type: 'Date', columnType: 'timestamptz', nullable: true, fieldName: 'full_sync_requested_at' },
    createdAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' },
    updatedAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'updated_at' },
  },
});
