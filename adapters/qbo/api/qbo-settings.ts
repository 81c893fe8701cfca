import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../core/errors/app-error';
import { readObject } from '../../../core/validation/field-reader';
import { QboAccountRow, qboAccountsOf } from '../store/qbo-account-store';

/** A checked settings change of a QuickBooks Online connection. */
export interface QboSettingsChange {
  readonly accounts: { readonly paymentAccountId?: string; readonly depositAccountId?: string };
  readonly syncIntervalMinutes?: number;
}

// QBO writes "Other Current Asset"; some answers and the XML schema write "OtherCurrentAsset" (qbo-api.md §5.5).
const typeOf = (a: QboAccountRow) => a.account_type.replace(/\s+/g, '');
const isBank = (a: QboAccountRow) => typeOf(a) === 'Bank';
/** Payments land in Undeposited Funds (QBO's own default, §5.3), another current asset, or straight in a bank. */
const fitsPayments = (a: QboAccountRow) => isBank(a) || typeOf(a) === 'OtherCurrentAsset';
export const isUndepositedFunds = (a: QboAccountRow) => a.account_sub_type === 'UndepositedFunds';

/** Which settings an account may be chosen for, so dropdowns offer only what QuickBooks Online will take. */
export function qboUsableFor(a: QboAccountRow): ('payments' | 'deposits')[] {
  if (!a.is_active) return [];
  return [...(fitsPayments(a) ? (['payments'] as const) : []), ...(isBank(a) ? (['deposits'] as const) : [])];
}

/** Checks a change against the company's chart of accounts as last read. */
export async function readQboSettings(em: EntityManager, connectionId: string, body: unknown): Promise<QboSettingsChange> {
  const input = readObject('settings change', body, (r) => ({
    paymentAccountId: r.string('paymentAccountId', { optional: true, max: 36 }),
    depositAccountId: r.string('depositAccountId', { optional: true, max: 36 }),
    syncIntervalMinutes: r.integer('syncIntervalMinutes', { optional: true, min: 1, max: 1440 }),
  }));
  if (Object.values(input).every((v) => v === undefined))
    throw new AppError('invalid', 'Send at least one of paymentAccountId, depositAccountId, syncIntervalMinutes.');
  const accounts = input.paymentAccountId || input.depositAccountId ? await qboAccountsOf(em, connectionId) : [];
  const pick = (id: string | undefined, fits: (a: QboAccountRow) => boolean, what: string, allowed: string) => {
    if (id === undefined) return {};
    const account = accounts.find((a) => a.id === id);
    if (!account) throw new AppError('invalid', `${what}: no account with id ${id} in this QuickBooks Online company.`);
    if (!account.is_active) throw new AppError('invalid', `${what}: "${account.full_name}" is inactive in QuickBooks Online.`);
    if (!fits(account))
      throw new AppError(
        'invalid',
        `${what}: "${account.full_name}" is ${/^[AEIOU]/i.test(account.account_type) ? 'an' : 'a'} ${account.account_type} account; choose ${allowed}.`,
      );
    return { [what === 'Payment account' ? 'paymentAccountId' : 'depositAccountId']: id };
  };
  return {
    accounts: {
      ...pick(input.paymentAccountId, fitsPayments, 'Payment account', 'Undeposited Funds (recommended), another current asset or a bank account'),
      ...pick(input.depositAccountId, isBank, 'Deposit account', 'a bank account'),
    },
    syncIntervalMinutes: input.syncIntervalMinutes,
  };
}
