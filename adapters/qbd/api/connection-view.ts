import { ConnectionHealth, connectionHealth } from '../../../core/health/connection-health';
import type { Connection } from '../../../core/store/entities/connection';
import { qbdAdapter } from '../qbd-adapter';
import type { QbdSettings } from '../store/qbd-settings';
import type { SignInSummary } from '../store/sign-in-store';

const NO_SIGN_INS: SignInSummary = { refused: 0, lastRefusedAt: null, lastRefusedFrom: null, lastSignedInAt: null };

/** Something about the connection itself that the partner has to do, in their words. */
export interface ConnectionAttention {
  readonly kind: 'stale' | 'sign_in_refused' | 'choose_accounts' | 'error';
  readonly text: string;
  readonly advice: string;
  readonly at: string | null;
}

/** Whether the last sign-in attempt was refused: a refusal after the last success (or with no success yet). */
export function signInRefusedLast(s: SignInSummary): boolean {
  return !!s.lastRefusedAt && (!s.lastSignedInAt || s.lastRefusedAt > s.lastSignedInAt);
}

/** What needs the partner about this connection, most pressing first. */
function needsAttention(c: Connection, qbd: QbdSettings, signIns: SignInSummary, health: ConnectionHealth): ConnectionAttention[] {
  const items: ConnectionAttention[] = [];
  if (health.state === 'stale') {
    items.push({
      kind: 'stale',
      at: health.lastContactAt,
      text: `No sync for more than ${health.quietAfterMinutes} minutes (three sync intervals): the Web Connector has gone quiet.`,
      advice: qbdAdapter.quietAdvice ?? '',
    });
  }
  if (c.status === 'error' && c.lastErrorMessage)
    items.push({ kind: 'error', at: c.updatedAt.toISOString(), text: 'The last sync stopped with a problem.', advice: c.lastErrorMessage });
  if (signInRefusedLast(signIns)) {
    items.push({
      kind: 'sign_in_refused',
      at: signIns.lastRefusedAt!.toISOString(),
      text: `The Web Connector's last sign-in was refused: wrong password (from ${signIns.lastRefusedFrom ?? 'an unknown address'}).`,
      advice:
        'In the Web Connector, enter the password shown when the computer was added, or give it a new one under Computers. If that was not one of your computers, give the install a new password.',
    });
  }
  if (c.lastSyncAt && (!qbd.paymentAccountId || !qbd.depositAccountId)) {
    const missing = [!qbd.paymentAccountId ? 'the account payments go to' : '', !qbd.depositAccountId ? 'the bank account payouts go to' : '']
      .filter(Boolean)
      .join(' and ');
    items.push({
      kind: 'choose_accounts',
      at: null,
      text: `Choose ${missing} in QuickBooks.`,
      advice: 'Payments and payouts wait until then. Undeposited Funds is recommended for payments.',
    });
  }
  return items;
}

/** A connection as the partner API shows it; adding fields is fine, renaming is not. */
export function connectionView(c: Connection, qbd: QbdSettings, signIns: SignInSummary = NO_SIGN_INS, now = new Date()) {
  const health = connectionHealth(c, now);
  return {
    id: c.id,
    system: c.system,
    companyName: c.companyName,
    companyFilePath: qbd.companyFilePath,
    status: c.status,
    lastAuthenticatedAt: c.lastAuthenticatedAt?.toISOString() ?? null,
    lastSyncAt: c.lastSyncAt?.toISOString() ?? null,
    progress: { percent: c.progressPercent, phase: c.progressPhase, counts: c.progressCounts ?? {} },
    settings: { paymentAccountId: qbd.paymentAccountId, depositAccountId: qbd.depositAccountId, syncIntervalMinutes: c.syncIntervalMinutes },
    lastError: c.lastErrorCode ? { code: c.lastErrorCode, message: c.lastErrorMessage ?? '' } : null,
    health,
    needsAttention: needsAttention(c, qbd, signIns, health),
    signIns: {
      refused: signIns.refused,
      lastRefusedAt: signIns.lastRefusedAt?.toISOString() ?? null,
      lastRefusedFrom: signIns.lastRefusedFrom,
      lastSignedInAt: signIns.lastSignedInAt?.toISOString() ?? null,
      lastRefused: signInRefusedLast(signIns),
    },
  };
}
