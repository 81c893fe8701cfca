import { AppError } from '../../../../core/errors/app-error';
import { LocalDate } from '../../../../core/values/instant';
import { Money, compareMoney, sumMoney } from '../../../../core/values/money';
import { qbText } from './qb-text';
import { QbxmlRequest, checkRequestId } from './qbxml-request';
import { QbxmlWriter } from './qbxml-writer';
import { RefInput, checkIds, writeRef } from './query-parts';
import { checkDate, checkPositive, externalGuid } from './write-parts';

export interface ReceivePaymentAddInput {
  readonly requestId: string;
  readonly customer: RefInput;
  readonly arAccount?: RefInput;
  readonly txnDate?: LocalDate;
  /** What the partner sees in QuickBooks as the payment's number (at most 20 characters). */
  readonly refNumber?: string;
  readonly totalAmount: Money;
  readonly paymentMethod?: RefInput;
  /** Free text (at most 4095 characters; longer text is cut). */
  readonly memo?: string;
  readonly depositToAccount?: RefInput;
  readonly externalGuid?: string;
  /** Each invoice the payment pays, once; or omit to let QuickBooks auto-apply. */
  readonly applyTo?: readonly { readonly txnId: string; readonly amount: Money }[];
}

/**
 * ReceivePaymentAddRq: CustomerRef, ARAccountRef?, TxnDate?, RefNumber?, TotalAmount?,
 * PaymentMethodRef?, Memo?, DepositToAccountRef?, ExternalGUID?, (IsAutoApply | AppliedToTxnAdd+).
 */
export function buildReceivePaymentAdd(input: ReceivePaymentAddInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  checkPositive(input.totalAmount, 'ReceivePaymentAdd/TotalAmount');
  const apply = input.applyTo ?? [];
  checkIds(apply.length > 0 ? apply.map((a) => a.txnId) : ['auto'], 'TxnID');
  if (new Set(apply.map((a) => a.txnId)).size !== apply.length) throw new AppError('invalid', 'A payment can apply to each invoice only once.');
  apply.forEach((a) => checkPositive(a.amount, 'AppliedToTxnAdd/PaymentAmount'));
  if (apply.length > 0 && compareMoney(sumMoney(apply.map((a) => a.amount)), input.totalAmount) > 0) {
    throw new AppError('invalid', 'The amounts applied to invoices add up to more than the payment.');
  }
  const { guid, version } = externalGuid(input.externalGuid, '1.0');
  const w = new QbxmlWriter().open('ReceivePaymentAddRq', { requestID: requestId }).open('ReceivePaymentAdd');
  writeRef(w, 'CustomerRef', input.customer);
  writeRef(w, 'ARAccountRef', input.arAccount, 159);
  w.el('TxnDate', checkDate(input.txnDate, 'ReceivePaymentAdd/TxnDate'));
  w.el('RefNumber', input.refNumber && qbText(input.refNumber, { field: 'ReceivePaymentAdd/RefNumber', max: 20, overflow: 'refuse' }));
  w.el('TotalAmount', input.totalAmount);
  writeRef(w, 'PaymentMethodRef', input.paymentMethod, 31);
  w.el('Memo', input.memo && qbText(input.memo, { field: 'ReceivePaymentAdd/Memo', max: 4095, overflow: 'truncate' }));
  writeRef(w, 'DepositToAccountRef', input.depositToAccount, 159);
  w.el('ExternalGUID', guid);
  if (apply.length === 0) w.el('IsAutoApply', true);
  for (const a of apply) w.group('AppliedToTxnAdd', true, () => w.el('TxnID', a.txnId).el('PaymentAmount', a.amount));
  w.close('ReceivePaymentAdd').close('ReceivePaymentAddRq');
  return { rqName: 'ReceivePaymentAddRq', requestId, minVersion: version, xml: w.toString() };
}

export type DepositLineInput =
  /** A payment now in Undeposited Funds. */
  | { readonly paymentTxnId: string; readonly paymentTxnLineId?: string; readonly overrideMemo?: string }
  /** Money from another account (a fee is a negative amount). */
  | { readonly account: RefInput; readonly entity?: RefInput; readonly memo?: string; readonly amount: Money };

export interface DepositAddInput {
  readonly requestId: string;
  readonly txnDate?: LocalDate;
  readonly depositToAccount: RefInput;
  readonly memo?: string;
  readonly externalGuid?: string;
  readonly lines: readonly DepositLineInput[];
}

/** DepositAddRq: TxnDate?, DepositToAccountRef, Memo?, ExternalGUID?, DepositLineAdd* (each one of two shapes). */
export function buildDepositAdd(input: DepositAddInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  if (input.lines.length === 0) throw new AppError('invalid', 'A deposit needs at least one line.');
  const paymentIds = input.lines.flatMap((l) => ('paymentTxnId' in l ? [l.paymentTxnId] : []));
  if (new Set(paymentIds).size !== paymentIds.length) throw new AppError('invalid', 'A deposit can carry each payment only once.');
  const { guid, version } = externalGuid(input.externalGuid, '2.0');
  const w = new QbxmlWriter().open('DepositAddRq', { requestID: requestId }).open('DepositAdd');
  w.el('TxnDate', checkDate(input.txnDate, 'DepositAdd/TxnDate'));
  writeRef(w, 'DepositToAccountRef', input.depositToAccount, 159);
  w.el('Memo', input.memo && qbText(input.memo, { field: 'DepositAdd/Memo', max: 4095, overflow: 'truncate' }));
  w.el('ExternalGUID', guid);
  for (const line of input.lines) {
    w.open('DepositLineAdd');
    if ('paymentTxnId' in line) {
      w.el('PaymentTxnID', checkIds([line.paymentTxnId], 'TxnID')[0]).el('PaymentTxnLineID', line.paymentTxnLineId);
      w.el('OverrideMemo', line.overrideMemo && qbText(line.overrideMemo, { field: 'DepositLineAdd/OverrideMemo', max: 4095, overflow: 'truncate' }));
    } else {
      writeRef(w, 'EntityRef', line.entity);
      writeRef(w, 'AccountRef', line.account, 159);
      w.el('Memo', line.memo && qbText(line.memo, { field: 'DepositLineAdd/Memo', max: 4095, overflow: 'truncate' }));
      w.el('Amount', line.amount);
    }
    w.close('DepositLineAdd');
  }
  w.close('DepositAdd').close('DepositAddRq');
  return { rqName: 'DepositAddRq', requestId, minVersion: version, xml: w.toString() };
}

export interface TxnDelInput {
  readonly requestId: string;
  readonly txnDelType: 'ReceivePayment' | 'Deposit' | 'Invoice' | 'CreditMemo';
  readonly txnId: string;
}

/** TxnDelRq: TxnDelType, TxnID. (A ReceivePayment cannot be voided through the SDK, only deleted.) */
export function buildTxnDel(input: TxnDelInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  const w = new QbxmlWriter()
    .open('TxnDelRq', { requestID: requestId })
    .el('TxnDelType', input.txnDelType)
    .el('TxnID', checkIds([input.txnId], 'TxnID')[0]);
  return { rqName: 'TxnDelRq', requestId, minVersion: '1.1', xml: w.close('TxnDelRq').toString() };
}

export interface CustomerAddInput {
  readonly requestId: string;
  /** Unique among customers, vendors, employees and other names (else 3100); at most 41 characters. */
  readonly name: string;
  readonly companyName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly externalGuid?: string;
}

/** CustomerAddRq for partners whose rules send Alternative customers to QuickBooks. */
export function buildCustomerAdd(input: CustomerAddInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  const text = (value: string | undefined, field: string, max: number) => value && qbText(value, { field: `CustomerAdd/${field}`, max, overflow: 'refuse' });
  const name = text(input.name, 'Name', 41);
  if (!name?.trim()) throw new AppError('invalid', 'CustomerAdd/Name must not be empty.');
  if (name.includes(':')) throw new AppError('invalid', 'CustomerAdd/Name must not contain ":" (QuickBooks uses it to separate jobs).');
  const { guid, version } = externalGuid(input.externalGuid, '1.0');
  const w = new QbxmlWriter().open('CustomerAddRq', { requestID: requestId }).open('CustomerAdd');
  w.el('Name', name).el('CompanyName', text(input.companyName, 'CompanyName', 41));
  w.el('FirstName', text(input.firstName, 'FirstName', 25)).el('LastName', text(input.lastName, 'LastName', 25));
  w.el('Phone', text(input.phone, 'Phone', 21)).el('Email', text(input.email, 'Email', 1023));
  w.el('ExternalGUID', guid);
  w.close('CustomerAdd').close('CustomerAddRq');
  return { rqName: 'CustomerAddRq', requestId, minVersion: version, xml: w.toString() };
}
