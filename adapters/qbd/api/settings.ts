import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../core/errors/app-error';
import type { Connection } from '../../../core/store/entities/connection';
import { readObject } from '../../../core/validation/field-reader';
import { AccountRow, accountsOf } from '../store/account-store';

export interface SettingsChange {
  /** QuickBooks' accounts, kept with the adapter's company (qbd-settings.ts). */
  readonly accounts: { readonly paymentAccountId?: string; readonly depositAccountId?: string };
  /** The connection's own interval. */
  readonly syncIntervalMinutes?: number;
  /** Said to the partner when a change needs a step on their side. */
  readonly notice?: string;
}

const isBank = (a: AccountRow) => a.account_type === 'Bank';
const isUndepositedFunds = (a: AccountRow) => a.special_account_type === 'UndepositedFunds';
const fitsPayments = (a: AccountRow) => isUndepositedFunds(a) || isBank(a);

/** Which settings an account may be chosen for, so dropdowns offer only what will be accepted. */
export function usableFor(a: AccountRow): ('payments' | 'deposits')[] {
  if (!a.is_active) return [];
  return [...(fitsPayments(a) ? (['payments'] as const) : []), ...(isBank(a) ? (['deposits'] as const) : [])];
}

/**
 * Checks a settings change against the company's own chart of accounts: payments may go to
 * Undeposited Funds or a bank, deposits only to a bank. Lowering the interval needs the Web
 * Connector's side too: authenticate can only raise QBWC's interval (../shared/reference/qbwc-qbxml.md §1.3).
 */
export async function readSettings(em: EntityManager, connection: Connection, body: unknown): Promise<SettingsChange> {
  const input = readObject('settings change', body, (r) => ({
    paymentAccountId: r.string('paymentAccountId', { optional: true, max: 36 }),
    depositAccountId: r.string('depositAccountId', { optional: true, max: 36 }),
    syncIntervalMinutes: r.integer('syncIntervalMinutes', { optional: true, min: 1, max: 1440 }),
  }));
  if (Object.values(input).every((v) => v === undefined))
    throw new AppError('invalid', 'Send at least one of paymentAccountId, depositAccountId, syncIntervalMinutes.');
  const accounts = input.paymentAccountId || input.depositAccountId ? await accountsOf(em, connection.id) : [];
  if ((input.paymentAccountId || input.depositAccountId) && accounts.length === 0) {
    throw new AppError('invalid', 'QuickBooks has not sent its accounts yet. Run the Web Connector once, then choose.');
  }
  const pick = (id: string | undefined, fits: (a: AccountRow) => boolean, what: string) => {
    if (id === undefined) return undefined;
    const account = accounts.find((a) => a.list_id === id);
    if (!account) throw new AppError('invalid', `${what}: no account with id ${id} in this QuickBooks company.`);
    if (!account.is_active) throw new AppError('invalid', `${what}: "${account.full_name}" is inactive in QuickBooks.`);
    if (!fits(account)) {
      const allowed = what === 'Payment account' ? 'Undeposited Funds (recommended) or a bank account' : 'a bank account';
      throw new AppError('invalid', `${what}: "${account.full_name}" is ${accountKind(account.account_type)}; choose ${allowed}.`);
    }
    return account.list_id;
  };
  const chosen: SettingsChange['accounts'] = {
    ...(input.paymentAccountId !== undefined ? { paymentAccountId: pick(input.paymentAccountId, fitsPayments, 'Payment account') } : {}),
    ...(input.depositAccountId !== undefined ? { depositAccountId: pick(input.depositAccountId, isBank, 'Deposit account') } : {}),
  };
  const lowered = input.syncIntervalMinutes !== undefined && input.syncIntervalMinutes < connection.syncIntervalMinutes;
  return {
    accounts: chosen,
    syncIntervalMinutes: input.syncIntervalMinutes,
    notice: lowered
      ? `The Web Connector keeps its own schedule and we can only raise it. To poll every ${input.syncIntervalMinutes === 1 ? 'minute' : `${input.syncIntervalMinutes} minutes`}, change "Every_Min" for this application in the Web Connector, or download its QWC file again and add it anew.`
      : undefined,
  };
}

/** QuickBooks' account type in words, with its article: "OtherCurrentAsset" → "an other current asset account". */
function accountKind(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} account`;
}
