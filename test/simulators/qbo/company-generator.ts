import { Money, moneyFromCents, moneyToCents } from '../../../core/values/money';
import { seededRandom } from '../qbd/seeded-random';
import { Bookkeeper, BookkeeperLine } from './bookkeeper';
import { QboClock } from './qbo-clock';
import { QboCompany } from './qbo-company';
import { seedChartOfAccounts } from './company-seed';

export interface CompanyOptions {
  readonly name?: string;
  readonly seed?: number;
  readonly customers?: number;
  readonly invoices?: number;
  /** Invoices are spread over this many months before now (24 by default). */
  readonly monthsOfHistory?: number;
}

const DAY = 86_400_000;

/**
 * A seeded company with a believable history on the simulated clock: customers, invoices spread
 * back over the months, some paid in full or in part days later, most payments deposited, a few
 * invoices voided or deleted, a few customers made inactive. The same seed makes the same books.
 */
export function generateCompany(realmId: string, clock: QboClock, options: CompanyOptions): QboCompany {
  const seed = options.seed ?? 1;
  const rnd = seededRandom(seed);
  const now = clock.now().getTime();
  const span = (options.monthsOfHistory ?? 24) * 30.4 * DAY;
  const start = now - span;
  const company = new QboCompany(realmId, options.name ?? `Sample Company ${seed}`, clock);
  const books = new Bookkeeper(company);
  company.at(new Date(start - DAY), () => seedChartOfAccounts(company));

  const customerIds: string[] = [];
  for (let i = 0; i < (options.customers ?? 10); i++) {
    const at = new Date(start + Math.floor(rnd() * span * 0.05));
    company.at(at, () =>
      customerIds.push(
        String(books.addCustomer({ displayName: `Customer ${i + 1}`, email: `customer${i + 1}@example.com`, companyName: `Company ${i + 1}` }).Id),
      ),
    );
  }

  // Events in time order: Ids then grow with time, as in a real company.
  const events: { at: number; run: () => void }[] = [];
  const later = (at: number, run: () => void) => {
    if (at >= now) return;
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid].at <= at) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, { at, run });
  };
  for (let i = 0; i < (options.invoices ?? 30) && customerIds.length; i++) {
    const at = start + Math.floor(rnd() * span * 0.99);
    const customerId = customerIds[Math.floor(rnd() * customerIds.length)];
    const lines: BookkeeperLine[] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, l) => {
      const qty = 1n + BigInt(Math.floor(rnd() * 3));
      const unit = BigInt(5_000 + Math.floor(rnd() * 95_000));
      return { amount: moneyFromCents(qty * unit), qty: String(qty), unitPrice: moneyFromCents(unit), description: `Service ${l + 1}` };
    });
    const fate = rnd();
    const payDelay = (5 + Math.floor(rnd() * 40)) * DAY;
    const depositDelay = (1 + Math.floor(rnd() * 5)) * DAY;
    const deposits = rnd() < 0.7;
    later(at, () => {
      const invoice = books.addInvoice({ customerId, lines });
      const id = String(invoice.Id);
      const total = moneyToCents(company.get('Invoice', id)!.fields.TotalAmt as Money);
      const pay = (cents: bigint) => () => {
        if (!company.get('Invoice', id)) return;
        const payment = books.payInvoice(id, moneyFromCents(cents));
        if (deposits) later(at + payDelay + depositDelay, () => company.get('Payment', String(payment.Id)) && books.depositPayments([String(payment.Id)]));
      };
      if (fate < 0.45) later(at + payDelay, pay(total));
      else if (fate < 0.6) later(at + payDelay, pay(total / 2n));
      else if (fate < 0.64) later(at + 2 * DAY, () => company.get('Invoice', id) && books.voidInvoice(id));
      else if (fate < 0.67) later(at + DAY, () => company.get('Invoice', id) && books.deleteInvoice(id));
    });
  }
  while (events.length) {
    const next = events.shift()!;
    company.at(new Date(next.at), next.run);
  }
  // A few customers left the business; they stay in the books, inactive.
  for (const id of customerIds.filter(() => rnd() < 0.1)) company.at(new Date(now - 7 * DAY), () => books.deactivateCustomer(id));
  return company;
}
