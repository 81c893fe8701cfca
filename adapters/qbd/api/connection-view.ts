import type { Connection } from '../../../core/store/entities/connection';
import type { SignInSummary } from '../store/sign-in-store';

const NO_SIGN_INS: SignInSummary = { refused: 0, lastRefusedAt: null, lastRefusedFrom: null, lastSignedInAt: null };

/** A connection as the partner API shows it; adding fields is fine, renaming is not. */
export function connectionView(c: Connection, signIns: SignInSummary = NO_SIGN_INS) {
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
    signIns: {
      refused: signIns.refused,
      lastRefusedAt: signIns.lastRefusedAt?.toISOString() ?? null,
      lastRefusedFrom: signIns.lastRefusedFrom,
      lastSignedInAt: signIns.lastSignedInAt?.toISOString() ?? null,
    },
  };
}
