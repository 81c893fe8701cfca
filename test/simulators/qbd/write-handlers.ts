import { INVOICE_WRITE_HANDLERS } from './invoice-write-handlers';
import { JOURNAL_ENTRY_WRITE_HANDLERS } from './journal-entry-write-handlers';
import { RECEIVE_PAYMENT_MOD_HANDLERS } from './receive-payment-mod-handler';
import { child, children, text } from './request-node';
import { customerRet, depositRet, receivePaymentRet } from './ret-writers';
import { SimStatusError } from './sim-status-error';
import { WriteHandler, amount, ok, refOf } from './write-parts';

/** The write messages the simulator answers, by request name. */
export const WRITE_HANDLERS: Record<string, WriteHandler> = {
  ReceivePaymentAddRq(rq, { company }) {
    const add = child(rq, 'ReceivePaymentAdd')!;
    const customer = company.findCustomer(refOf(child(add, 'CustomerRef'))!, 'ReceivePayment');
    const depositRef = refOf(child(add, 'DepositToAccountRef'));
    const applied = children(add, 'AppliedToTxnAdd');
    const payment = company.receivePayment({
      customerId: customer.listId,
      txnDate: text(add, 'TxnDate'),
      refNumber: text(add, 'RefNumber'),
      totalAmount: amount(text(add, 'TotalAmount'), 'TotalAmount'),
      paymentMethod: text(child(add, 'PaymentMethodRef'), 'FullName'),
      memo: text(add, 'Memo'),
      depositToAccountId: depositRef ? company.findAccount(depositRef, 'ReceivePayment').listId : undefined,
      externalGuid: text(add, 'ExternalGUID'),
      applications:
        applied.length > 0 ? applied.map((a) => ({ invoiceId: text(a, 'TxnID')!, amount: amount(text(a, 'PaymentAmount'), 'PaymentAmount') })) : undefined,
    });
    return ok(rq, 'ReceivePaymentAddRs', receivePaymentRet(company, payment, { includeLineItems: true }).lines());
  },

  DepositAddRq(rq, { company }) {
    const add = child(rq, 'DepositAdd')!;
    const account = company.findAccount(refOf(child(add, 'DepositToAccountRef'))!, 'Deposit');
    const deposit = company.addDeposit({
      txnDate: text(add, 'TxnDate'),
      depositToAccountId: account.listId,
      memo: text(add, 'Memo'),
      externalGuid: text(add, 'ExternalGUID'),
      lines: children(add, 'DepositLineAdd').map((l) => {
        const paymentId = text(l, 'PaymentTxnID');
        if (paymentId) return { paymentId, memo: text(l, 'OverrideMemo') };
        const entity = refOf(child(l, 'EntityRef'));
        return {
          accountId: company.findAccount(refOf(child(l, 'AccountRef'))!, 'Deposit').listId,
          entityId: entity ? company.findCustomer(entity, 'Deposit').listId : undefined,
          memo: text(l, 'Memo'),
          amount: amount(text(l, 'Amount'), 'Amount'),
        };
      }),
    });
    return ok(rq, 'DepositAddRs', depositRet(company, deposit, { includeLineItems: true }).lines());
  },

  TxnDelRq(rq, { company }) {
    const deleted = company.deleteTxn(text(rq, 'TxnDelType')!, text(rq, 'TxnID')!);
    return ok(rq, 'TxnDelRs', [
      `<TxnDelType>${deleted.txnDelType}</TxnDelType>`,
      `<TxnID>${deleted.txnId}</TxnID>`,
      `<TimeDeleted>${company.clock.format(deleted.deleted)}</TimeDeleted>`,
      ...(deleted.refNumber ? [`<RefNumber>${deleted.refNumber.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</RefNumber>`] : []),
    ]);
  },

  /** Only invoices are voided by anything here; other types answer as QuickBooks does for an unknown id. */
  TxnVoidRq(rq, { company }) {
    const type = text(rq, 'TxnVoidType')!;
    const txnId = text(rq, 'TxnID')!;
    if (type !== 'Invoice') throw new SimStatusError(3120, `Object "${txnId}" specified in the request cannot be found.`);
    const voided = company.voidInvoice(txnId);
    return ok(rq, 'TxnVoidRs', [
      `<TxnVoidType>Invoice</TxnVoidType>`,
      `<TxnID>${voided.txnId}</TxnID>`,
      `<TimeCreated>${company.clock.format(voided.created)}</TimeCreated>`,
      `<TimeModified>${company.clock.format(voided.modified)}</TimeModified>`,
    ]);
  },

  CustomerAddRq(rq, { company }) {
    const add = child(rq, 'CustomerAdd')!;
    const parent = refOf(child(add, 'ParentRef'));
    const customer = company.addCustomer({
      name: text(add, 'Name')!,
      parentId: parent ? company.findCustomer(parent, 'Customer').listId : undefined,
      isActive: text(add, 'IsActive') !== 'false',
      companyName: text(add, 'CompanyName'),
      firstName: text(add, 'FirstName'),
      lastName: text(add, 'LastName'),
      phone: text(add, 'Phone'),
      email: text(add, 'Email'),
      externalGuid: text(add, 'ExternalGUID'),
    });
    return ok(rq, 'CustomerAddRs', customerRet(company, customer).lines());
  },

  /** Not sent by the product today; here so the EditSequence rules (3200) can be exercised. */
  CustomerModRq(rq, { company }) {
    const mod = child(rq, 'CustomerMod')!;
    const isActive = text(mod, 'IsActive');
    const customer = company.modifyCustomer(text(mod, 'ListID')!, text(mod, 'EditSequence')!, {
      ...(text(mod, 'Name') !== undefined ? { name: text(mod, 'Name') } : {}),
      ...(isActive !== undefined ? { isActive: isActive === 'true' } : {}),
      ...(text(mod, 'CompanyName') !== undefined ? { companyName: text(mod, 'CompanyName') } : {}),
    });
    return ok(rq, 'CustomerModRs', customerRet(company, customer).lines());
  },

  ...INVOICE_WRITE_HANDLERS,
  ...JOURNAL_ENTRY_WRITE_HANDLERS,
  ...RECEIVE_PAYMENT_MOD_HANDLERS,
};
