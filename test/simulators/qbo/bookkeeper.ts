import { entityJson } from './entity-json';
import { UNDEPOSITED_FUNDS_ID } from './company-balances';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { EntityName } from './qbo-records';
import { dispatchWrite } from './write-dispatch';

export interface BookkeeperLine {
  /** A decimal string, e.g. "120.00". */
  readonly amount: string;
  readonly description?: string;
  readonly qty?: string;
  readonly unitPrice?: string;
}

type Json = Record<string, unknown>;

/**
 * What a person does in the QBO web app (`sim.books(realmId)`): the same rules as the API, but
 * changes are attributed to the bookkeeper (webhooks, staleness). Every action returns the
 * object as the API would now show it.
 */
export class Bookkeeper {
  constructor(private readonly company: QboCompany) {}

  addCustomer(input: { displayName: string; email?: string; companyName?: string }): Json {
    return this.write('Customer', {
      DisplayName: input.displayName,
      CompanyName: input.companyName,
      PrimaryEmailAddr: input.email ? { Address: input.email } : undefined,
    });
  }

  editCustomer(id: string, changes: Json): Json {
    return this.write('Customer', { ...this.head('Customer', id), sparse: true, ...changes });
  }

  deactivateCustomer(id: string): Json {
    return this.editCustomer(id, { Active: false });
  }

  addInvoice(input: { customerId: string; lines: readonly BookkeeperLine[]; txnDate?: string; dueDate?: string; docNumber?: string; email?: string }): Json {
    return this.write('Invoice', {
      CustomerRef: { value: input.customerId },
      Line: lines(input.lines),
      TxnDate: input.txnDate,
      DueDate: input.dueDate,
      DocNumber: input.docNumber,
      BillEmail: input.email ? { Address: input.email } : undefined,
    });
  }

  /** Changes the due date and/or replaces the lines (a sparse update, as the web app saves). */
  editInvoice(id: string, changes: { dueDate?: string; lines?: readonly BookkeeperLine[]; privateNote?: string }): Json {
    const body: Json = { ...this.head('Invoice', id), sparse: true };
    if (changes.dueDate !== undefined) body.DueDate = changes.dueDate;
    if (changes.privateNote !== undefined) body.PrivateNote = changes.privateNote;
    body.Line = changes.lines ? lines(changes.lines) : this.company.get('Invoice', id)!.fields.Line;
    return this.write('Invoice', body);
  }

  /** Receives a payment for one invoice, into Undeposited Funds unless another account is named. */
  payInvoice(invoiceId: string, amount: string, options: { depositToAccountId?: string; txnDate?: string; refNum?: string } = {}): Json {
    const invoice = this.company.get('Invoice', invoiceId);
    if (!invoice) throw QboFault.notFound('Invoice', invoiceId);
    return this.write('Payment', {
      CustomerRef: invoice.fields.CustomerRef,
      TotalAmt: amount,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }],
      DepositToAccountRef: { value: options.depositToAccountId ?? UNDEPOSITED_FUNDS_ID },
      TxnDate: options.txnDate,
      PaymentRefNum: options.refNum,
    });
  }

  /** Deposits payments sitting in Undeposited Funds into a bank account (the first one by default). */
  depositPayments(paymentIds: readonly string[], bankAccountId?: string): Json {
    const bank = bankAccountId ?? [...this.company.rows.Account.values()].find((a) => a.fields.AccountType === 'Bank' && a.fields.Active !== false)?.id;
    return this.write('Deposit', {
      DepositToAccountRef: { value: bank },
      Line: paymentIds.map((id) => ({ Amount: this.company.get('Payment', id)?.fields.TotalAmt, LinkedTxn: [{ TxnId: id, TxnType: 'Payment' }] })),
    });
  }

  deleteInvoice(id: string): Json {
    return this.write('Invoice', this.head('Invoice', id), 'delete');
  }

  voidInvoice(id: string): Json {
    return this.write('Invoice', this.head('Invoice', id), 'void');
  }

  deletePayment(id: string): Json {
    return this.write('Payment', this.head('Payment', id), 'delete');
  }

  deleteDeposit(id: string): Json {
    return this.write('Deposit', this.head('Deposit', id), 'delete');
  }

  /** Every object of a kind as the API shows it, inactive ones included, in Id order. */
  all(entity: EntityName): Json[] {
    return [...this.company.rows[entity].values()].sort((a, b) => Number(a.id) - Number(b.id)).map((row) => entityJson(this.company, row));
  }

  get(entity: EntityName, id: string): Json | undefined {
    const row = this.company.get(entity, id);
    return row ? entityJson(this.company, row) : undefined;
  }

  private head(entity: EntityName, id: string): Json {
    const row = this.company.get(entity, id);
    if (!row) throw QboFault.notFound(entity, id);
    return { Id: row.id, SyncToken: String(row.syncToken) };
  }

  private write(entity: EntityName, body: Json, operation?: string): Json {
    const clean = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const answer = this.company.as('bookkeeper', () => dispatchWrite(this.company, { entity, operation, include: [], body: clean }));
    return answer[entity] as Json;
  }
}

function lines(input: readonly BookkeeperLine[]): Json[] {
  return input.map((l) => ({
    Amount: l.amount,
    Description: l.description,
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: { value: '1' }, ...(l.qty ? { Qty: l.qty } : {}), ...(l.unitPrice ? { UnitPrice: l.unitPrice } : {}) },
  }));
}
