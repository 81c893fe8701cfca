import { connectionHealth } from '../../../core/health/connection-health';
import type { Connection } from '../../../core/store/entities/connection';
import type { QboSettings } from '../store/qbo-connection-store';

/** Something about a QuickBooks Online connection that the partner has to do, in their words. */
interface QboAttention {
  readonly kind: 'stale' | 'error' | 'choose_accounts';
  readonly text: string;
  readonly advice: string;
  readonly at: string | null;
}

function needsAttention(c: Connection, qbo: QboSettings, stale: { stale: boolean; at: string | null; minutes: number }): QboAttention[] {
  const items: QboAttention[] = [];
  if (c.status === 'error' && c.lastErrorMessage) {
    items.push({ kind: 'error', at: c.updatedAt.toISOString(), text: 'Syncing with QuickBooks Online stopped.', advice: c.lastErrorMessage });
  }
  if (stale.stale) {
    items.push({
      kind: 'stale',
      at: stale.at,
      text: `No sync for more than ${stale.minutes} minutes (three sync intervals).`,
      advice: 'QuickBooks Online may be down or refusing us; the sync log says what happened last. Press Sync now to try at once.',
    });
  }
  if (c.lastSyncAt && (!qbo.paymentAccountId || !qbo.depositAccountId)) {
    const missing = [!qbo.paymentAccountId ? 'the account payments go to' : '', !qbo.depositAccountId ? 'the bank account payouts go to' : '']
      .filter(Boolean)
      .join(' and ');
    items.push({
      kind: 'choose_accounts',
      at: null,
      text: `Choose ${missing} in QuickBooks Online.`,
      advice: 'Payments and payouts wait until then. Undeposited Funds is recommended for payments.',
    });
  }
  return items;
}

/**
 * A QuickBooks Online connection as the partner API shows it: the fields of a QuickBooks Desktop
 * connection that mean something here (no company file, no Web Connector sign-ins), plus the realm.
 */
export function qboConnectionView(c: Connection, qbo: QboSettings, now: Date) {
  const health = connectionHealth(c, now);
  return {
    id: c.id,
    system: c.system,
    companyName: c.companyName,
    realmId: qbo.realmId,
    status: c.status,
    lastAuthenticatedAt: c.lastAuthenticatedAt?.toISOString() ?? null,
    lastSyncAt: c.lastSyncAt?.toISOString() ?? null,
    progress: { percent: c.progressPercent, phase: c.progressPhase, counts: c.progressCounts ?? {} },
    settings: { paymentAccountId: qbo.paymentAccountId, depositAccountId: qbo.depositAccountId, syncIntervalMinutes: c.syncIntervalMinutes },
    lastError: c.lastErrorCode ? { code: c.lastErrorCode, message: c.lastErrorMessage ?? '' } : null,
    health,
    needsAttention: needsAttention(c, qbo, { stale: health.state === 'stale', at: health.lastContactAt, minutes: health.quietAfterMinutes }),
  };
}

export type QboConnectionView = ReturnType<typeof qboConnectionView>;
