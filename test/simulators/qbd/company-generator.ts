import { moneyFromCents, moneyToCents } from '../../../core/values/money';
import { LineInput, QuickBooksCompany } from './quickbooks-company';
import { generateEstimates } from './estimate-generator';
import { SimCustomer } from './sim-records';
import { SimClock } from './sim-clock';
import { GENERATED_ITEM_NAMES } from './sim-items';
import { seededRandom } from './seeded-random';

export interface GeneratorOptions {
  readonly seed: number;
  readonly customers: number;
  readonly invoices: number;
  /** Invoices are spread over this many years before `now`. */
  readonly years: number;
  readonly now: Date;
  readonly linesPerInvoice?: { readonly min: number; readonly max: number };
  /** Estimates made in the last 60 days (estimate-generator.ts); none unless asked for. */
  readonly estimates?: number;
}

type Event = { at: number; run: () => void };

/**
 * A seeded company: customers (some inactive, some jobs, some deleted) and invoices with lines
 * spread over the years, some paid, some partly paid, some credited, some deleted, some
 * payments deposited. Events happen in time order on the company's clock, so TimeCreated and
 * TimeModified look like a real history.
 */
export function generateCompany(options: GeneratorOptions): QuickBooksCompany {
  const rnd = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const span = options.years * 365 * 86_400_000;
  const start = options.now.getTime() - span;
  const clock = new SimClock(new Date(start));
  const company = new QuickBooksCompany(clock, `Generated Company ${options.seed}`);
  const checking = [...company.accounts.values()].find((a) => a.name === 'Checking')!;

  const customers: SimCustomer[] = [];
  for (let i = 0; i < options.customers; i++) {
    clock.advance(60);
    const parent = i > 3 && rnd() < 0.1 ? pick(customers) : undefined;
    customers.push(
      company.addCustomer({
        name: `${parent ? 'Job' : 'Customer'} ${i + 1}`,
        parentId: parent?.parentId ? undefined : parent?.listId,
        companyName: `Company ${i + 1}`,
        email: `c${i + 1}@example.com`,
      }),
    );
  }
  // A few customers that are deleted again: they show only in ListDeletedQuery.
  for (let i = 0; i < Math.ceil(options.customers / 20); i++) {
    clock.advance(60);
    company.deleteCustomer(company.addCustomer({ name: `Removed ${i + 1}` }).listId);
  }

  // Kept sorted by time; events scheduled while running are inserted in place.
  const events: Event[] = [];
  const schedule = (event: Event) => {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid].at <= event.at) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, event);
  };
  const lines = options.linesPerInvoice ?? { min: 1, max: 5 };
  const toUndeposited: string[] = [];
  for (let i = 0; i < options.invoices; i++) {
    const at = start + Math.floor(rnd() * span * 0.98);
    schedule({
      at,
      run: () => {
        const count = lines.min + Math.floor(rnd() * (lines.max - lines.min + 1));
        const invoiceLines: LineInput[] = Array.from({ length: count }, (_, l) => {
          const cents = BigInt(1000 + Math.floor(rnd() * 99_000));
          return { itemName: pick(GENERATED_ITEM_NAMES), desc: `Line ${l + 1}`, quantity: '1', rate: moneyFromCents(cents), amount: moneyFromCents(cents) };
        });
        const subtotal = invoiceLines.reduce((s, l) => s + moneyToCents(l.amount), 0n);
        const tax = rnd() < 0.5 ? (subtotal * 8n) / 100n : 0n;
        const customer = pick(customers);
        const txnDate = clock.localDate(clock.now());
        const due = new Date(clock.now().getTime() + 30 * 86_400_000);
        const invoice = company.addInvoice({
          customerId: customer.listId,
          txnDate,
          dueDate: clock.localDate(due),
          refNumber: String(1000 + i),
          lines: invoiceLines,
          salesTaxTotal: moneyFromCents(tax),
        });
        const total = subtotal + tax;
        const fate = rnd();
        const later = (days: number, run: () => void) => schedule({ at: clock.now().getTime() + days * 86_400_000, run });
        const pay = (cents: bigint) => () => {
          if (!company.invoices.has(invoice.txnId)) return;
          const payment = company.receivePayment({
            customerId: customer.listId,
            totalAmount: moneyFromCents(cents),
            refNumber: `CHK ${i}`,
            paymentMethod: 'Check',
            applications: [{ invoiceId: invoice.txnId, amount: moneyFromCents(cents) }],
          });
          toUndeposited.push(payment.txnId);
        };
        if (fate < 0.4) later(5 + Math.floor(rnd() * 40), pay(total));
        else if (fate < 0.6) later(5 + Math.floor(rnd() * 40), pay(total / 2n > 0n ? total / 2n : total));
        else if (fate < 0.7) {
          later(3, () => {
            if (!company.invoices.has(invoice.txnId)) return;
            const credit = total / 4n > 0n ? total / 4n : total;
            company.addCreditMemo({
              customerId: customer.listId,
              lines: [{ itemName: 'Discount', amount: moneyFromCents(credit) }],
              applications: [{ invoiceId: invoice.txnId, amount: moneyFromCents(credit) }],
            });
          });
        } else if (fate < 0.73) later(1 + Math.floor(rnd() * 10), () => company.invoices.has(invoice.txnId) && company.deleteTxn('Invoice', invoice.txnId));
      },
    });
  }
  // One customer in ten is made inactive at some point (they keep their history).
  for (const customer of customers.filter(() => rnd() < 0.1)) {
    schedule({ at: start + Math.floor(rnd() * span), run: () => void company.modifyCustomer(customer.listId, customer.editSequence, { isActive: false }) });
  }
  // Every 30 days, what waits in Undeposited Funds is deposited to Checking.
  for (let t = start + 30 * 86_400_000; t < options.now.getTime(); t += 30 * 86_400_000) {
    schedule({
      at: t,
      run: () => {
        const depositable = new Set(company.paymentsToDeposit().map((p) => p.txnId));
        const waiting = toUndeposited.splice(0).filter((id) => depositable.has(id));
        if (waiting.length > 0)
          company.addDeposit({ depositToAccountId: checking.listId, memo: 'Monthly deposit', lines: waiting.map((paymentId) => ({ paymentId })) });
      },
    });
  }
  while (events.length > 0) {
    const next = events.shift()!;
    if (next.at > options.now.getTime()) continue;
    clock.set(new Date(Math.max(next.at, clock.now().getTime())));
    next.run();
  }
  if (options.estimates) generateEstimates(company, { seed: options.seed, count: options.estimates, now: options.now });
  clock.set(options.now);
  return company;
}
