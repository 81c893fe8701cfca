import type { RecordInTarget } from '../../../core/ports/adapter-port';

export type QbdPaymentState =
  | { state: 'not_sent'; message: string }
  | { state: 'pending' }
  | { state: 'synced'; txnId?: string }
  | { state: 'reverted'; message?: string }
  | { state: 'needs_action'; message: string };

/** Where a payment stands in the accounting system, from what its adapter says (nothing yet: on its way). */
export function paymentState(there: RecordInTarget | undefined): QbdPaymentState {
  switch (there?.state) {
    case 'refused':
      return { state: 'needs_action', message: there.message ?? 'QuickBooks refused this payment.' };
    case 'written':
      return { state: 'synced', txnId: there.targetId };
    case 'removed':
      return there.message ? { state: 'reverted', message: there.message } : { state: 'reverted' };
    default:
      return { state: 'pending' };
  }
}

/** Where a payout's deposit stands: none asked for means none was needed. */
export function depositState(there: RecordInTarget | undefined): {
  state: 'not_needed' | 'pending' | 'synced' | 'needs_action';
  txnId?: string;
  message?: string;
} {
  if (!there) return { state: 'not_needed' };
  if (there.state === 'written') return { state: 'synced', txnId: there.targetId };
  if (there.state === 'refused') return { state: 'needs_action', message: there.message };
  return { state: 'pending' };
}
