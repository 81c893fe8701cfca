import { moneyFromCents, moneyToCents } from '../../../core/values/money';
import { LineInput } from './company-inputs';
import { QuickBooksCompany } from './quickbooks-company';
import { GENERATED_ITEM_NAMES } from './sim-items';
import { seededRandom } from './seeded-random';

/** How far back generated estimates go: quotes are recent, unlike years of invoices. */
const ESTIMATE_SPAN_DAYS = 60;

/**
 * Adds `count` estimates made over the last 60 days before `now`, in time order, for the
 * company's active customers: one to five lines, tax on about half, one in five no longer
 * active. Its own random stream (from the seed), so a company generated without estimates is
 * exactly what it was before estimates existed.
 */
export function generateEstimates(company: QuickBooksCompany, options: { readonly seed: number; readonly count: number; readonly now: Date }): void {
  const rnd = seededRandom(options.seed ^ 0x5e5e5e5e);
  const customers = [...company.customers.values()].filter((c) => c.isActive);
  if (customers.length === 0) return;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const span = ESTIMATE_SPAN_DAYS * 86_400_000;
  const times = Array.from({ length: options.count }, () => options.now.getTime() - Math.floor(rnd() * span)).sort((a, b) => a - b);
  times.forEach((at, i) => {
    company.clock.set(new Date(Math.max(at, company.clock.now().getTime())));
    const lines: LineInput[] = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, l) => {
      const cents = BigInt(1000 + Math.floor(rnd() * 99_000));
      return { itemName: pick(GENERATED_ITEM_NAMES), desc: `Quoted ${l + 1}`, quantity: '1', rate: moneyFromCents(cents), amount: moneyFromCents(cents) };
    });
    const subtotal = lines.reduce((s, l) => s + moneyToCents(l.amount), 0n);
    company.addEstimate({
      customerId: pick(customers).listId,
      txnDate: company.clock.localDate(company.clock.now()),
      refNumber: `E-${100 + i}`,
      lines,
      salesTaxTotal: moneyFromCents(rnd() < 0.5 ? (subtotal * 8n) / 100n : 0n),
      isActive: rnd() >= 0.2,
    });
  });
}
