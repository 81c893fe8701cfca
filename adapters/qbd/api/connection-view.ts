import type { Connection } from '../../../core/store/entities/connection';

/** A connection as the partner API shows it; adding fields is fine, renaming is not. */
export function connectionView(c: Connection) {
  return {
    id: c.id,
    companyName: c.companyName,
    companyFilePath: c.companyFilePath,
    status: c.status,
    lastAuthenticatedAt: c.lastAuthenticatedAt?.toISOString() ?? null,
    lastSyncAt: c.lastSyncAt?.toISOString() ?? null,
    progress: { percent: c.progressPercent, phase: c.progressPhase },
    settings: { paymentAccountId: c.paymentAccountId ?? null, depositAccountId: c.depositAccountId ?? null, syncIntervalMinutes: c.syncIntervalMinutes },
    lastError: c.lastErrorCode ? { code: c.lastErrorCode, message: c.lastErrorMessage ?? '' } : null,
  };
}
