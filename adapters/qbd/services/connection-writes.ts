import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { randomUUID } from 'node:crypto';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import { TOKENS } from '../../../core/runtime/tokens';
import { Connection } from '../../../core/store/entities/connection';
import type { Partner } from '../../../core/store/entities/partner';
import type { SettingsChange } from '../api/settings';
import { QBD_SYSTEM } from '../qbd-system';
import { NewInstall, createInstall } from '../store/install-store';
import { createQbdCompany } from '../store/qbd-company-store';
import { updateQbdAccounts } from '../store/qbd-settings';

/** What a partner gives to connect a QuickBooks Desktop company. */
export interface NewConnectionInput {
  readonly companyName: string;
  /** '' for whichever company is open in QuickBooks. */
  readonly companyFilePath: string;
}

/**
 * What a partner changes on a QuickBooks Desktop connection, each call one transaction:
 * connecting a company (the connection, its company row and its first install), its settings,
 * "sync now", pause and resume. The routes parse and shape; the rules are here.
 */
@injectable()
export class ConnectionWrites {
  constructor(@inject(TOKENS.SyncSettingsSource) private readonly syncSettings: SyncSettingsSource) {}

  async create(em: EntityManager, partner: Partner, input: NewConnectionInput, now: Date): Promise<{ connection: Connection; install: NewInstall }> {
    // Stored on the connection, so a later PATCH of the interval is the connection's own layer.
    const { intervalMinutes } = this.syncSettings.resolve({ partnerId: partner.id });
    return em.transactional(async (tx) => {
      const connection = tx.create(Connection, {
        id: randomUUID(),
        partner,
        system: QBD_SYSTEM,
        companyName: input.companyName,
        status: 'pending',
        syncIntervalMinutes: intervalMinutes,
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();
      await createQbdCompany(tx as EntityManager, connection.id, input.companyFilePath);
      return { connection, install: await createInstall(tx as EntityManager, connection.id, now) };
    });
  }

  /** The accounts are QuickBooks' (its own table), the interval the connection's: one transaction. */
  async updateSettings(em: EntityManager, connection: Connection, change: SettingsChange, now: Date): Promise<void> {
    const changed = { ...(change.syncIntervalMinutes !== undefined ? { syncIntervalMinutes: change.syncIntervalMinutes } : {}), updatedAt: now };
    await em.transactional(async (tx) => {
      await updateQbdAccounts(tx as EntityManager, connection.id, change.accounts);
      await tx.nativeUpdate(Connection, { id: connection.id }, changed);
    });
    Object.assign(connection, changed);
  }

  /** A full cycle at the next Web Connector poll. */
  async requestFullSync(em: EntityManager, connection: Connection, now: Date): Promise<void> {
    connection.fullSyncRequestedAt = now;
    await em.flush();
  }

  /**
   * Paused, the Web Connector is told 'none' at its next sign-in (a session under way ends as it
   * would); resumed, it syncs at the next poll, as it was before or as never synced.
   */
  async setPaused(em: EntityManager, connection: Connection, paused: boolean, now: Date): Promise<void> {
    if (paused) connection.status = 'paused';
    else if (connection.status === 'paused') connection.status = connection.lastAuthenticatedAt ? 'connected' : 'pending';
    connection.updatedAt = now;
    await em.flush();
  }
}
