import { el, ref } from './qbxml-exchange';

/** Request elements written by hand, children in the 13.0 schema's order. */
type Ref = { listId?: string; fullName?: string };

export interface JournalLine {
  readonly side: 'debit' | 'credit';
  readonly account: Ref;
  readonly amount?: string;
  readonly memo?: string;
  readonly entity?: Ref;
}

export function journalEntryAdd(
  id: string,
  e: { txnDate?: string; refNumber?: string; memo?: string; externalGuid?: string; lines: readonly JournalLine[] },
): string {
  const lines = e.lines.map((l) => {
    const name = l.side === 'debit' ? 'JournalDebitLine' : 'JournalCreditLine';
    return `<${name}>${ref('AccountRef', l.account)}${el('Amount', l.amount)}${el('Memo', l.memo)}${ref('EntityRef', l.entity)}</${name}>`;
  });
  return `<JournalEntryAddRq requestID="${id}"><JournalEntryAdd>${el('TxnDate', e.txnDate)}${el('RefNumber', e.refNumber)}${el('Memo', e.memo)}${el('ExternalGUID', e.externalGuid)}${lines.join('')}</JournalEntryAdd></JournalEntryAddRq>`;
}

export function journalEntryQuery(
  id: string,
  q: {
    txnIds?: string[];
    refNumbers?: string[];
    maxReturned?: number;
    modified?: { from?: string; to?: string };
    txnDate?: { from?: string; to?: string };
    entity?: Ref;
    includeLineItems?: boolean;
    iterator?: 'Start' | 'Continue';
    iteratorId?: string;
  } = {},
): string {
  const attributes = `requestID="${id}"${q.iterator ? ` iterator="${q.iterator}"` : ''}${q.iteratorId ? ` iteratorID="${q.iteratorId}"` : ''}`;
  const filter = [
    ...(q.txnIds ?? []).map((t) => el('TxnID', t)),
    ...(q.refNumbers ?? []).map((r) => el('RefNumber', r)),
    el('MaxReturned', q.maxReturned?.toString()),
    q.modified ? `<ModifiedDateRangeFilter>${el('FromModifiedDate', q.modified.from)}${el('ToModifiedDate', q.modified.to)}</ModifiedDateRangeFilter>` : '',
    q.txnDate ? `<TxnDateRangeFilter>${el('FromTxnDate', q.txnDate.from)}${el('ToTxnDate', q.txnDate.to)}</TxnDateRangeFilter>` : '',
    q.entity ? `<EntityFilter>${el('ListID', q.entity.listId)}${el('FullName', q.entity.fullName)}</EntityFilter>` : '',
  ];
  return `<JournalEntryQueryRq ${attributes}>${filter.join('')}${el('IncludeLineItems', q.includeLineItems?.toString())}</JournalEntryQueryRq>`;
}

export function receivePaymentAdd(
  id: string,
  p: { customer: Ref; totalAmount: string; depositTo?: Ref; applyTo?: readonly { txnId: string; amount: string }[] },
): string {
  const apply = p.applyTo
    ? p.applyTo.map((a) => `<AppliedToTxnAdd>${el('TxnID', a.txnId)}${el('PaymentAmount', a.amount)}</AppliedToTxnAdd>`).join('')
    : el('IsAutoApply', 'true');
  return `<ReceivePaymentAddRq requestID="${id}"><ReceivePaymentAdd>${ref('CustomerRef', p.customer)}${el('TotalAmount', p.totalAmount)}${ref('DepositToAccountRef', p.depositTo)}${apply}</ReceivePaymentAdd></ReceivePaymentAddRq>`;
}

export function receivePaymentMod(
  id: string,
  p: { txnId: string; editSequence: string; totalAmount?: string; memo?: string; applyTo?: readonly { txnId: string; amount: string }[] },
): string {
  const apply = (p.applyTo ?? []).map((a) => `<AppliedToTxnMod>${el('TxnID', a.txnId)}${el('PaymentAmount', a.amount)}</AppliedToTxnMod>`).join('');
  return `<ReceivePaymentModRq requestID="${id}"><ReceivePaymentMod>${el('TxnID', p.txnId)}${el('EditSequence', p.editSequence)}${el('TotalAmount', p.totalAmount)}${el('Memo', p.memo)}${apply}</ReceivePaymentMod></ReceivePaymentModRq>`;
}

export interface InvoiceLine {
  readonly txnLineId?: string;
  readonly item?: string;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount?: string;
}

const lineBody = (l: InvoiceLine) =>
  `${ref('ItemRef', l.item ? { fullName: l.item } : undefined)}${el('Desc', l.desc)}${el('Quantity', l.quantity)}${el('Rate', l.rate)}${el('Amount', l.amount)}`;

export function invoiceAdd(
  id: string,
  i: { customer: Ref; txnDate?: string; refNumber?: string; dueDate?: string; memo?: string; externalGuid?: string; lines: readonly InvoiceLine[] },
): string {
  const lines = i.lines.map((l) => `<InvoiceLineAdd>${lineBody(l)}</InvoiceLineAdd>`).join('');
  return `<InvoiceAddRq requestID="${id}"><InvoiceAdd>${ref('CustomerRef', i.customer)}${el('TxnDate', i.txnDate)}${el('RefNumber', i.refNumber)}${el('DueDate', i.dueDate)}${el('Memo', i.memo)}${el('ExternalGUID', i.externalGuid)}${lines}</InvoiceAdd></InvoiceAddRq>`;
}

export function invoiceMod(
  id: string,
  i: { txnId: string; editSequence: string; refNumber?: string; dueDate?: string; memo?: string; lines?: readonly InvoiceLine[] },
): string {
  const lines = (i.lines ?? []).map((l) => `<InvoiceLineMod>${el('TxnLineID', l.txnLineId ?? '-1')}${lineBody(l)}</InvoiceLineMod>`).join('');
  return `<InvoiceModRq requestID="${id}"><InvoiceMod>${el('TxnID', i.txnId)}${el('EditSequence', i.editSequence)}${el('RefNumber', i.refNumber)}${el('DueDate', i.dueDate)}${el('Memo', i.memo)}${lines}</InvoiceMod></InvoiceModRq>`;
}

export const txnDel = (id: string, type: string, txnId: string) => `<TxnDelRq requestID="${id}">${el('TxnDelType', type)}${el('TxnID', txnId)}</TxnDelRq>`;
export const txnDeletedQuery = (id: string, type: string) => `<TxnDeletedQueryRq requestID="${id}">${el('TxnDelType', type)}</TxnDeletedQueryRq>`;
export const customerQuery = (id: string, listId: string) => `<CustomerQueryRq requestID="${id}">${el('ListID', listId)}</CustomerQueryRq>`;
export const accountQuery = (id: string, listIds: readonly string[]) =>
  `<AccountQueryRq requestID="${id}">${listIds.map((l) => el('ListID', l)).join('')}</AccountQueryRq>`;
export const invoiceQuery = (id: string, txnId: string) =>
  `<InvoiceQueryRq requestID="${id}">${el('TxnID', txnId)}<IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>`;
export const paymentQuery = (id: string, txnId: string) =>
  `<ReceivePaymentQueryRq requestID="${id}">${el('TxnID', txnId)}<IncludeLineItems>true</IncludeLineItems></ReceivePaymentQueryRq>`;
export function depositAdd(id: string, d: { to: Ref; lines: readonly ({ paymentTxnId: string } | { account: Ref; amount: string })[] }): string {
  const lines = d.lines.map((l) =>
    'paymentTxnId' in l
      ? `<DepositLineAdd>${el('PaymentTxnID', l.paymentTxnId)}</DepositLineAdd>`
      : `<DepositLineAdd>${ref('AccountRef', l.account)}${el('Amount', l.amount)}</DepositLineAdd>`,
  );
  return `<DepositAddRq requestID="${id}"><DepositAdd>${ref('DepositToAccountRef', d.to)}${lines.join('')}</DepositAdd></DepositAddRq>`;
}
