import { expect } from 'chai';
import { BOOKKEEPER_CHANGE_KINDS, makeBookkeeperChanges } from '../../../simulators/qbd/bookkeeper-changes';
import { generateCompany } from '../../../simulators/qbd/company-generator';
import { QuickBooksCompany } from '../../../simulators/qbd/quickbooks-company';
import { QuickBooksSimulator } from '../../../simulators/qbd/quickbooks-simulator';

const NOW = new Date('2026-11-25T18:00:00Z');
const company = () => generateCompany({ seed: 5, customers: 20, invoices: 80, years: 1, now: NOW });

/** The TxnIDs and ListIDs QuickBooks lists as modified since `since`, as a sync's incremental read asks. */
async function modifiedSince(c: QuickBooksCompany, since: Date): Promise<string[]> {
  const from = c.clock.format(since);
  const xml = await new QuickBooksSimulator(c).process(
    `<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="continueOnError">` +
      `<InvoiceQueryRq requestID="1"><ModifiedDateRangeFilter><FromModifiedDate>${from}</FromModifiedDate></ModifiedDateRangeFilter></InvoiceQueryRq>` +
      `<ReceivePaymentQueryRq requestID="2"><ModifiedDateRangeFilter><FromModifiedDate>${from}</FromModifiedDate></ModifiedDateRangeFilter></ReceivePaymentQueryRq>` +
      `<CustomerQueryRq requestID="3"><ActiveStatus>All</ActiveStatus><FromModifiedDate>${from}</FromModifiedDate></CustomerQueryRq>` +
      `</QBXMLMsgsRq></QBXML>`,
  );
  return [...xml.matchAll(/<(?:TxnID|ListID)>([^<]+)<\/(?:TxnID|ListID)>\s*<TimeCreated>/g)].map((m) => m[1]);
}

describe('makeBookkeeperChanges', () => {
  it('makes the same changes from the same company and seed, and others from another seed', () => {
    const say = (seed: number) => makeBookkeeperChanges(company(), { seed, count: 12 }).map((c) => c.description);
    expect(say(3)).to.deep.equal(say(3));
    expect(say(3)).not.to.deep.equal(say(4));
  });

  it('says each change in one line naming the record and what happened', () => {
    const changes = makeBookkeeperChanges(company(), { seed: 3, count: 30 });
    expect(changes).to.have.length(30);
    expect(new Set(changes.map((c) => c.kind)).size, 'kinds made').to.be.at.least(6);
    for (const c of changes) expect(c.description).to.match(/^(Invoice \S+ for .+|Customer .+): .+$/);
    expect(changes.find((c) => c.kind === 'due-date')!.description).to.match(/^Invoice \d+ for .+: due date moved to \d{4}-\d{2}-\d{2}$/);
  });

  for (const kind of BOOKKEEPER_CHANGE_KINDS) {
    it(`${kind}: goes through the company's model, so QuickBooks lists it as changed`, async () => {
      const c = company();
      const before = c.clock.now();
      const stamps = new Map([...c.invoices.values(), ...c.customers.values()].map((r) => [r, r.editSequence]));
      const [change] = makeBookkeeperChanges(c, { seed: 9, count: 1, kinds: [kind] });
      expect(change.kind).to.equal(kind);
      expect(c.clock.now().getTime(), 'time moves on').to.be.greaterThan(before.getTime());
      if (kind === 'delete-invoice') {
        expect(c.invoices.has(change.id)).to.equal(false);
        expect(c.deletedTxns.at(-1)).to.deep.include({ txnDelType: 'Invoice', txnId: change.id });
        return;
      }
      expect(await modifiedSince(c, new Date(before.getTime() + 1000))).to.include(change.id);
      const record = c.invoices.get(change.id) ?? c.customers.get(change.id);
      if (record && stamps.has(record)) expect(record.editSequence, 'a new EditSequence').not.to.equal(stamps.get(record));
    });
  }

  it('voids and changes only invoices nobody has paid anything on', () => {
    const c = company();
    for (const change of makeBookkeeperChanges(c, { seed: 1, count: 20, kinds: ['void-invoice', 'due-date', 'line-amount'] })) {
      expect(c.applicationsTo(change.id), change.description).to.deep.equal([]);
    }
  });
});
