import type { EntityManager } from '@mikro-orm/postgresql';
import type { ItemKind } from '../../../core/items/item-kind';
import type { RecordEventsInput, RecordNews } from '../../../core/ports/adapter-port';
import { customersByIds } from '../store/customer-ledger';
import { invoicesByIds } from '../store/invoice-ledger';
import { paymentRowsByIds } from '../store/payment-ledger';
import { payoutsByIds } from '../store/payout-ledger';
import { customersWithState } from './customer-view';
import { invoiceViews } from './invoice-view';
import { depositViews, paymentViews } from './payment-view';

type View = { readonly id: string; readonly qbd: { readonly state: string } };
type ViewsOf = (em: EntityManager, input: RecordEventsInput, ids: readonly string[]) => Promise<readonly View[]>;

/** Each item's events: which types a piece of news may become, and the one it is, seen in the record's view. */
interface ItemEvents {
  readonly candidates: (news: RecordNews) => readonly string[];
  readonly typeOf: (news: RecordNews, view: View) => string | undefined;
  readonly views: ViewsOf;
}

/** The API's views of the records, built for the whole page at once (as the list routes do). */
const recordsThere = (input: RecordEventsInput) => ({
  recordsThere: (_em: unknown, _c: unknown, item: ItemKind, ids: readonly string[]) => input.recordsThere(item, ids),
});
const connectionOf = (input: RecordEventsInput) => ({ id: input.connectionId, system: '' });

/** A ledger record's own news; a write of it to QuickBooks (its ids now known there) shows as an update. */
const ledgerRecord = (item: string, views: ViewsOf): ItemEvents => ({
  candidates: (news) => [`${item}.${news === 'written' ? 'updated' : news}`],
  typeOf: (news) => `${item}.${news === 'written' ? 'updated' : news}`,
  views,
});

/** What the partner hears of a payment is where it stands in QuickBooks once a write of it ends. */
const PAYMENT_TYPES: Readonly<Record<string, string>> = { synced: 'payment.posted', needs_action: 'payment.needs_action', reverted: 'payment.reverted' };

const EVENTS: Readonly<Partial<Record<string, ItemEvents>>> = {
  invoice: ledgerRecord('invoice', async (em, input, ids) =>
    invoiceViews(em, connectionOf(input), await invoicesByIds(em, input.connectionId, ids), recordsThere(input)),
  ),
  customer: ledgerRecord('customer', async (em, input, ids) =>
    customersWithState(em, connectionOf(input), await customersByIds(em, input.connectionId, ids), recordsThere(input)),
  ),
  payment: {
    candidates: (news) => (news === 'written' ? Object.values(PAYMENT_TYPES) : []),
    typeOf: (_news, view) => PAYMENT_TYPES[view.qbd.state],
    views: async (em, input, ids) => paymentViews(em, connectionOf(input), await paymentRowsByIds(em, input.connectionId, ids), recordsThere(input)),
  },
  // A payout's deposit: the deposit list's view of the payout, once QuickBooks holds the deposit.
  deposit: {
    candidates: (news) => (news === 'written' ? ['payout.deposited'] : []),
    typeOf: (_news, view) => (view.qbd.state === 'synced' ? 'payout.deposited' : undefined),
    views: async (em, input, ids) => depositViews(em, connectionOf(input), await payoutsByIds(em, input.connectionId, ids), recordsThere(input)),
  },
};

/**
 * AdapterPortV1.recordEvents for the ledger: each piece of news about an invoice, customer,
 * payment or payout becomes its event, `data` being what the REST API answers for the record
 * (so a receiver needs no extra GET). Views are built only for the news some endpoint wants,
 * in one set of queries for the page, and read after the change, in its transaction.
 */
export async function ledgerEvents(input: RecordEventsInput): Promise<{ type: string; data: unknown }[]> {
  const item = EVENTS[input.item];
  if (!item) return [];
  const wanted = input.news.filter((n) => item.candidates(n.news).some((t) => input.wants(t)));
  if (wanted.length === 0) return [];
  const views = new Map((await item.views(input.transaction, input, [...new Set(wanted.map((n) => n.id))])).map((v) => [v.id, v]));
  return wanted.flatMap((n) => {
    const view = views.get(n.id);
    const type = view && item.typeOf(n.news, view);
    return view && type && input.wants(type) ? [{ type, data: view }] : [];
  });
}
