import { Money, moneyFromCents, moneyToCents } from '../../../core/values/money';
import { QuickBooksCompany } from './quickbooks-company';
import { SimCustomer, SimInvoice } from './sim-records';
import { GENERATED_ITEM_NAMES } from './sim-items';
import { seededRandom } from './seeded-random';

/** One change a bookkeeper made in QuickBooks, said as the simulator prints it. */
export interface BookkeeperChange {
  readonly kind: BookkeeperChangeKind;
  /** e.g. "Invoice 1011 for Customer 3: due date moved to 2026-12-20" */
  readonly description: string;
  /** The TxnID or ListID of the record changed (or made). */
  readonly id: string;
}

export type BookkeeperChangeKind =
  'due-date' | 'line-amount' | 'new-invoice' | 'partial-payment' | 'void-invoice' | 'delete-invoice' | 'customer-inactive' | 'new-customer';

interface Desk {
  readonly company: QuickBooksCompany;
  readonly rnd: () => number;
  readonly pick: <T>(list: readonly T[]) => T | undefined;
}

/** A change a bookkeeper may make, or undefined when the company offers nothing to make it on. */
interface ChangeMaker {
  readonly kind: BookkeeperChangeKind;
  /** How often a bookkeeper does this, relative to the others. */
  readonly weight: number;
  readonly make: (desk: Desk) => Omit<BookkeeperChange, 'kind'> | undefined;
}

const DAY_MS = 86_400_000;
const cents = (rnd: () => number, min: number, max: number) => BigInt(min + Math.floor(rnd() * (max - min)));
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const nameOf = (company: QuickBooksCompany, invoice: SimInvoice) =>
  `Invoice ${invoice.refNumber ?? invoice.txnNumber} for ${company.customer(invoice.customerId).fullName}`;

/** Open and untouched by any payment or credit: what a bookkeeper may still edit, void or delete. */
function unpaid(company: QuickBooksCompany): SimInvoice[] {
  return [...company.invoices.values()].filter((i) => company.invoiceTotal(i) !== '0.00' && company.applicationsTo(i.txnId).length === 0);
}

const active = (company: QuickBooksCompany): SimCustomer[] => [...company.customers.values()].filter((c) => c.isActive);

/**
 * What a bookkeeper does between two syncs. Each goes through the company's own model, as the
 * simulator's write handlers do: an InvoiceMod with the current EditSequence, InvoiceAdd,
 * ReceivePaymentAdd, TxnVoid, TxnDel, CustomerMod, CustomerAdd.
 */
const CHANGE_MAKERS: readonly ChangeMaker[] = [
  {
    kind: 'due-date',
    weight: 3,
    make: ({ company, rnd, pick }) => {
      const invoice = pick(unpaid(company));
      if (!invoice) return undefined;
      const dueDate = addDays(invoice.dueDate ?? invoice.txnDate, 7 + Math.floor(rnd() * 24));
      company.modifyInvoice(invoice.txnId, invoice.editSequence, { dueDate });
      return { id: invoice.txnId, description: `${nameOf(company, invoice)}: due date moved to ${dueDate}` };
    },
  },
  {
    kind: 'line-amount',
    weight: 2,
    make: ({ company, rnd, pick }) => {
      const invoice = pick(unpaid(company).filter((i) => i.lines.some((l) => l.itemName)));
      if (!invoice) return undefined;
      const line = pick(invoice.lines.filter((l) => l.itemName))!;
      const price = moneyFromCents(cents(rnd, 1_000, 100_000));
      // A priced line takes a new rate (its amount follows); a line with only an amount, a new amount.
      const change = line.rate !== undefined ? { rate: price } : { amount: price };
      const lines = invoice.lines.map((l) => (l === line ? { txnLineId: l.txnLineId, ...change } : { txnLineId: l.txnLineId }));
      const was = line.amount;
      const changed = company.modifyInvoice(invoice.txnId, invoice.editSequence, { lines });
      const now = changed.lines.find((l) => l.txnLineId === line.txnLineId)!.amount;
      return {
        id: invoice.txnId,
        description: `${nameOf(company, invoice)}: ${line.itemName} line changed from ${was} to ${now} (total ${company.invoiceTotal(changed)})`,
      };
    },
  },
  {
    kind: 'new-invoice',
    weight: 3,
    make: ({ company, rnd, pick }) => {
      const customer = pick(active(company));
      if (!customer) return undefined;
      const numbers = [...company.invoices.values()].map((i) => Number(i.refNumber)).filter((n) => Number.isSafeInteger(n));
      const refNumber = String(Math.max(1000, ...numbers) + 1);
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, n) => {
        const price = moneyFromCents(cents(rnd, 1_000, 100_000));
        return { itemName: pick(GENERATED_ITEM_NAMES)!, desc: `Line ${n + 1}`, quantity: '1', rate: price, amount: price };
      });
      const txnDate = company.clock.localDate(company.clock.now());
      const invoice = company.addInvoice({ customerId: customer.listId, txnDate, dueDate: addDays(txnDate, 30), refNumber, lines });
      return {
        id: invoice.txnId,
        description: `${nameOf(company, invoice)}: new, ${lines.length} line(s), total ${company.invoiceTotal(invoice)}, due ${invoice.dueDate}`,
      };
    },
  },
  {
    kind: 'partial-payment',
    weight: 2,
    make: ({ company, rnd, pick }) => {
      const invoice = pick([...company.invoices.values()].filter((i) => moneyToCents(company.invoiceBalance(i)) >= 200n));
      if (!invoice) return undefined;
      const balance = moneyToCents(company.invoiceBalance(invoice));
      // Between a fifth and four fifths of what is owed: partly paid, never paid off.
      const amount = moneyFromCents((balance * BigInt(20 + Math.floor(rnd() * 61))) / 100n) as Money;
      const payment = company.receivePayment({
        customerId: invoice.customerId,
        totalAmount: amount,
        paymentMethod: 'Check',
        refNumber: `CHK ${1000 + Math.floor(rnd() * 9000)}`,
        applications: [{ invoiceId: invoice.txnId, amount }],
      });
      return { id: payment.txnId, description: `${nameOf(company, invoice)}: payment of ${amount} received, ${company.invoiceBalance(invoice)} still owed` };
    },
  },
  {
    kind: 'void-invoice',
    weight: 1,
    make: ({ company, pick }) => {
      const invoice = pick(unpaid(company));
      if (!invoice) return undefined;
      company.voidInvoice(invoice.txnId);
      return { id: invoice.txnId, description: `${nameOf(company, invoice)}: voided` };
    },
  },
  {
    kind: 'delete-invoice',
    weight: 1,
    make: ({ company, pick }) => {
      const invoice = pick(unpaid(company));
      if (!invoice) return undefined;
      const name = nameOf(company, invoice);
      company.deleteTxn('Invoice', invoice.txnId);
      return { id: invoice.txnId, description: `${name}: deleted` };
    },
  },
  {
    kind: 'customer-inactive',
    weight: 1,
    // Customers who owe nothing and have no active jobs: QuickBooks asks before hiding anyone else.
    make: ({ company, pick }) => {
      const customer = pick(
        active(company).filter((c) => company.customerBalance(c.listId) === '0.00' && !active(company).some((j) => j.parentId === c.listId)),
      );
      if (!customer) return undefined;
      company.modifyCustomer(customer.listId, customer.editSequence, { isActive: false });
      return { id: customer.listId, description: `Customer "${customer.fullName}": made inactive` };
    },
  },
  {
    kind: 'new-customer',
    weight: 1,
    make: ({ company, rnd }) => {
      let n = company.customers.size + 1;
      const taken = new Set([...company.customers.values()].map((c) => c.fullName.toLowerCase()));
      while (taken.has(`customer ${n}`)) n++;
      const customer = company.addCustomer({
        name: `Customer ${n}`,
        companyName: `Company ${n}`,
        email: `c${n}@example.com`,
        phone: `555-${String(1000 + Math.floor(rnd() * 9000))}`,
      });
      return { id: customer.listId, description: `Customer "${customer.fullName}": added` };
    },
  },
];

export const BOOKKEEPER_CHANGE_KINDS: readonly BookkeeperChangeKind[] = CHANGE_MAKERS.map((m) => m.kind);

/**
 * Makes `count` changes in QuickBooks as a bookkeeper would between two syncs, a few minutes
 * apart on the company's clock. The same company and seed make the same changes. A change the
 * company offers nothing for (no unpaid invoice left to void) gives way to another kind.
 *
 * @example makeBookkeeperChanges(company, { seed: 1, count: 5 }).forEach((c) => console.log(c.description));
 */
export function makeBookkeeperChanges(
  company: QuickBooksCompany,
  options: { seed: number; count: number; kinds?: readonly BookkeeperChangeKind[] },
): BookkeeperChange[] {
  // Mixed with the company's counters, so each run on a saved company makes new changes.
  const rnd = seededRandom(options.seed ^ company.counters.editSequence ^ (company.counters.txn << 8));
  const desk: Desk = { company, rnd, pick: (list) => (list.length === 0 ? undefined : list[Math.floor(rnd() * list.length)]) };
  const makers = CHANGE_MAKERS.filter((m) => !options.kinds || options.kinds.includes(m.kind));
  const totalWeight = makers.reduce((sum, m) => sum + m.weight, 0);
  const changes: BookkeeperChange[] = [];
  for (let i = 0; i < options.count; i++) {
    company.clock.advance(60 + Math.floor(rnd() * 540));
    let roll = rnd() * totalWeight;
    const first = makers.findIndex((m) => (roll -= m.weight) < 0);
    for (let tried = 0; tried < makers.length; tried++) {
      const maker = makers[(first + tried) % makers.length];
      const made = maker.make(desk);
      if (made) {
        changes.push({ kind: maker.kind, ...made });
        break;
      }
    }
  }
  return changes;
}
