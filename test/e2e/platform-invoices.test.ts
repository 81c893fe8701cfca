import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/runtime/package-root';
import { TestClock, connectedCompany } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { GOOD_DEFAULTS, writeConfigDir } from '../support/test-config-dir';
import { TestService, startTestService } from '../support/test-service';

const SENDS_INVOICES = '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58';

interface InvoiceView {
  id: string;
  number: string | null;
  customerSourceId: string;
  dueDate: string | null;
  total: string;
  balance: string;
  status: string;
  source: string;
  qbd: { state: string; txnId?: string; message?: string };
  lines: { id: string; itemName: string | null; description: string | null; quantity: string | null; rate: string | null; amount: string }[];
}

/**
 * Invoices made or edited on the platform (money issue, point 4): with the default rules they stay
 * there; the example override file sends them to QuickBooks exactly once.
 */
describe('Invoices made and edited on the platform', function () {
  this.timeout(60_000);
  let test: TestService;
  let sendsInvoices: PartnerApi;
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());

  before(async () => {
    const example = JSON.parse(readFileSync(join(packageRoot(), 'config/examples/partner-sends-invoices-to-qbd.json'), 'utf8'));
    const configDir = writeConfigDir({ 'defaults.json': GOOD_DEFAULTS, 'partners/sends-invoices.json': { ...example, partnerId: SENDS_INVOICES } });
    test = await startTestService({ CONFIG_DIR: configDir }, clock.read);
    sendsInvoices = await PartnerApi.createPartner(test.url, 'Sends Invoices', SENDS_INVOICES);
  });
  after(async () => {
    await test?.stop();
  });

  /** A connected company after its first sync; `overridden` for the partner whose file sends platform invoices. */
  async function setup(overridden = false) {
    const env = await connectedCompany(test, clock, { seed: 51, customers: 6, invoices: 12, years: 1 }, overridden ? { api: sendsInvoices } : {});
    await env.connector.runSession();
    env.later(5);
    const { api, connection, company } = env;
    const base = `/api/connections/${connection.id}`;
    const accounts = (await api.call('GET', `${base}/accounts`)).body as { id: string; name: string }[];
    await api.call('PATCH', `${base}/settings`, { paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id });
    const customers = (await api.call('GET', `${base}/customers?limit=200`)).body.items as { id: string; source: { id: string } }[];
    const customer = customers[0];
    const invoices = async () => (await api.call('GET', `${base}/invoices?limit=200`)).body.items as InvoiceView[];
    const invoice = async (id: string) => (await api.call('GET', `${base}/invoices/${id}`)).body as InvoiceView;
    const create = (body: Record<string, unknown>) => api.call('POST', `${base}/invoices`, body);
    const edit = (id: string, body: Record<string, unknown>) => api.call('PATCH', `${base}/invoices/${id}`, body);
    const ours = () => [...company.invoices.values()].filter((i) => i.externalGuid);
    const requests = (name: string) => env.quickBooks.log.filter((l) => l.requestXml.includes(`<${name}`)).length;
    return { ...env, base, customer, invoices, invoice, create, edit, ours, requests };
  }

  const twoLines = {
    lines: [
      { item: 'Consulting', description: 'Setup', quantity: '2', rate: '150.00', amount: '300.00' },
      { item: 'Support', description: 'Monthly support', amount: '49.99' },
    ],
  };

  describe('with the default rules', () => {
    it('creates the invoice on the platform only: 201, not_sent, and no QuickBooks write at the next sync', async () => {
      const { create, customer, connector, requests, ours, invoice, api, base } = await setup();
      const created = await create({ customerId: customer.id, number: 'P-100', date: '2026-11-20', dueDate: '2026-12-20', ...twoLines });
      expect(created.status).to.equal(201);
      expect(created.body).to.deep.include({
        number: 'P-100',
        customerSourceId: customer.source.id,
        dueDate: '2026-12-20',
        total: '349.99',
        balance: '349.99',
        status: 'open',
        source: 'alternative',
      });
      expect(created.body.qbd.state).to.equal('not_sent');
      expect(created.body.lines.map((l: InvoiceView['lines'][number]) => [l.itemName, l.quantity, l.rate, l.amount])).to.deep.equal([
        ['Consulting', '2', '150.00', '300.00'],
        ['Support', null, null, '49.99'],
      ]);
      await connector.runSession();
      expect(requests('InvoiceAddRq')).to.equal(0);
      expect(ours()).to.have.length(0);
      expect((await invoice(created.body.id)).qbd.state).to.equal('not_sent');
      const events = (await api.call('GET', `${base}/events?limit=200`)).body.items as { item: string; from: string; outcome: string; sourceId: string }[];
      expect(events.find((e) => e.item === 'invoice' && e.sourceId === created.body.id)).to.deep.include({ from: 'alternative', outcome: 'denied' });
    });

    it('keeps a payment of a platform-only invoice on the platform: its balance moves here, nothing reaches QuickBooks, and a failure gives it back', async () => {
      const { create, customer, connector, requests, invoice, api, base } = await setup();
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      const payment = await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '100.00' });
      expect(payment.status).to.equal(201);
      expect(payment.body.qbd).to.deep.equal({ state: 'not_sent', message: 'The invoice exists only on the platform, so this payment stays here too.' });
      expect(await invoice(created.id)).to.deep.include({ balance: '249.99', status: 'partially-paid' });
      expect((await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '250.00' })).status, 'more than is owed').to.equal(422);
      await connector.runSession();
      expect(requests('ReceivePaymentAddRq')).to.equal(0);
      expect((await api.call('POST', `/api/payments/${payment.body.id}/fail`)).status).to.equal(200);
      expect(await invoice(created.id)).to.deep.include({ balance: '349.99', status: 'open' });
      await connector.runSession();
      expect(requests('TxnDelRq')).to.equal(0);
    });

    it('edits a QuickBooks invoice on the platform only, and the next change made in QuickBooks wins', async () => {
      const { invoices, edit, connector, requests, company, later, invoice } = await setup();
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const edited = await edit(target.id, { dueDate: '2027-01-31' });
      expect(edited.status).to.equal(200);
      expect(edited.body.dueDate).to.equal('2027-01-31');
      await connector.runSession();
      expect(requests('InvoiceModRq')).to.equal(0);
      expect((await invoice(target.id)).dueDate, 'unchanged in QuickBooks, the platform edit stays').to.equal('2027-01-31');
      const inQuickBooks = company.invoice(target.qbd.txnId!);
      company.editInvoice(inQuickBooks.txnId, { memo: 'Changed in QuickBooks' });
      later(5);
      await connector.runSession();
      expect((await invoice(target.id)).dueDate).to.equal(inQuickBooks.dueDate ?? null);
    });

    it('makes one invoice for one Idempotency-Key, however often it is sent', async () => {
      const { api, base, customer, invoices } = await setup();
      const before = (await invoices()).length;
      const key = { 'idempotency-key': 'b6a8f2de-4c1e-4a77-9d2b-1f0e8c3a5d61' };
      const body = { customerId: customer.id, number: 'ONCE-1', ...twoLines };
      const [first, again] = [await api.call('POST', `${base}/invoices`, body, key), await api.call('POST', `${base}/invoices`, body, key)];
      expect(first.status).to.equal(201);
      expect(again.status).to.equal(201);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(again.body).to.deep.equal(first.body);
      expect((await invoices()).length).to.equal(before + 1);
    });

    it('refuses to change the lines of a QuickBooks invoice here, where payments must fit what QuickBooks is owed', async () => {
      const { invoices, edit, invoice } = await setup();
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const refused = await edit(target.id, { dueDate: '2027-05-31', lines: [{ description: 'More', amount: '99999.00' }] });
      expect(refused.status).to.equal(422);
      expect(refused.body.error.message).to.match(/lines of a QuickBooks invoice are changed in QuickBooks/);
      const after = await invoice(target.id);
      expect([after.total, after.dueDate, after.lines.length]).to.deep.equal([target.total, target.dueDate, target.lines.length]);
    });

    it('keeps a payout of payments that stayed here out of QuickBooks', async () => {
      const { create, customer, api, base, connector, requests } = await setup();
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      const payment = (await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '49.99' })).body;
      const payout = await api.call('POST', `${base}/payouts`, { paymentIds: [payment.id] });
      expect(payout.status).to.equal(201);
      expect(payout.body.deposit).to.deep.equal({
        needed: false,
        message: 'Its payments stayed on the platform (their invoices exist only there), so QuickBooks needs no deposit for them.',
      });
      await connector.runSession();
      expect(requests('DepositAddRq')).to.equal(0);
    });

    it('refuses bad invoices and edits with the field named, changing nothing', async () => {
      const { create, edit, customer, invoices, api, base } = await setup();
      const before = (await invoices()).length;
      const mismatch = await create({
        customerId: customer.id,
        lines: [{ item: 'Consulting', description: 'x', quantity: '3', rate: '19.995', amount: '59.98' }],
      });
      expect(mismatch.status).to.equal(422);
      expect(JSON.stringify(mismatch.body)).to.include('lines[0].amount').and.include('59.99');
      expect((await create({ customerId: '00000000-0000-4000-8000-000000000000', ...twoLines })).status).to.equal(422);
      expect((await create({ customerId: customer.id, lines: [] })).status).to.equal(422);
      expect((await create({ customerId: customer.id, number: 'TWELVE-CHARS', ...twoLines })).status).to.equal(422);
      expect((await create({ customerId: customer.id, lines: Array.from({ length: 201 }, () => ({ description: 'x', amount: '1.00' })) })).status).to.equal(
        422,
      );
      expect((await create({ customerId: customer.id, lines: [{ description: 'credit', amount: '-5.00' }] })).status).to.equal(422);
      expect((await invoices()).length).to.equal(before);
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '349.99' });
      const paid = await edit(created.id, { dueDate: '2027-01-01' });
      expect(paid.status).to.equal(422);
      expect(paid.body.error.message).to.match(/unpaid/);
      const partly = (await create({ customerId: customer.id, ...twoLines })).body;
      await api.call('POST', `${base}/payments`, { invoiceId: partly.id, amount: '100.00' });
      const below = await edit(partly.id, { lines: [{ description: 'Less', amount: '99.99' }] });
      expect(below.status).to.equal(422);
      expect((await edit(partly.id, { lines: [{ id: 'not-a-line', description: 'x', amount: '200.00' }] })).status).to.equal(422);
      expect((await edit(partly.id, {})).status).to.equal(422);
    });
  });

  describe('with the override that sends them to QuickBooks', () => {
    it('adds the invoice to QuickBooks once, links the platform invoice to it, and a payment of it goes there too', async () => {
      const { create, customer, connector, ours, invoice, invoices, later, api, base, company } = await setup(true);
      const created = (await create({ customerId: customer.id, number: 'P-200', date: '2026-11-20', dueDate: '2026-12-20', ...twoLines })).body;
      expect(created.qbd.state).to.equal('pending');
      await connector.runSession();
      expect(ours()).to.have.length(1);
      const added = ours()[0];
      expect(added).to.deep.include({ customerId: customer.source.id, refNumber: 'P-200', txnDate: '2026-11-20', dueDate: '2026-12-20' });
      expect(added.lines.map((l) => [l.itemName, l.desc, l.quantity, l.rate, l.amount])).to.deep.equal([
        ['Consulting', 'Setup', '2', '150.00', '300.00'],
        ['Support', 'Monthly support', undefined, undefined, '49.99'],
      ]);
      const after = await invoice(created.id);
      expect(after.qbd).to.deep.include({ state: 'synced', txnId: added.txnId });
      expect(after.source, 'read back from QuickBooks in the same session and linked, not added twice').to.equal('qbd');
      expect((await invoices()).filter((i) => i.number === 'P-200')).to.have.length(1);
      const payment = (await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '49.99' })).body;
      later(5);
      await connector.runSession();
      expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-')).map((p) => p.applications)).to.deep.equal([
        [{ invoiceId: added.txnId, amount: '49.99' }],
      ]);
      expect((await api.call('GET', `${base}/payments`)).body.items.find((p: { id: string }) => p.id === payment.id).qbd.state).to.equal('synced');
      expect(await invoice(created.id)).to.deep.include({ balance: '300.00', status: 'partially-paid' });
    });

    it('adds exactly one invoice when the answer to InvoiceAdd is lost', async () => {
      const { create, customer, connector, ours, later, invoice } = await setup(true);
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      expect((await connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
      expect(ours(), 'QuickBooks added it; only the answer was lost').to.have.length(1);
      later(0.1);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      expect((await invoice(created.id)).qbd).to.deep.include({ state: 'synced', txnId: ours()[0].txnId });
    });

    it('links, not doubles, an invoice whose add lost its answer when QuickBooks is read before the add is looked up', async () => {
      const { create, customer, connector, ours, invoice, invoices, later, api, base, quickBooks } = await setup(true);
      // An older write that will wait: a payout before any deposit account is chosen.
      const open = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const paid = (await api.call('POST', `${base}/payments`, { invoiceId: open.id, amount: '1.00' })).body;
      await connector.runSession();
      expect((await api.call('POST', `${base}/payouts`, { paymentIds: [paid.id] })).status).to.equal(201);
      const created = (await create({ customerId: customer.id, number: 'P-LOST', ...twoLines })).body;
      later(5);
      // The payout waits for its account; the InvoiceAdd goes, and QuickBooks' answer never reaches us.
      expect((await connector.runSession({ loseQuickBooksAnswer: 1 })).ended).to.equal('dropped');
      expect(ours()).to.have.length(1);
      const accounts = (await api.call('GET', `${base}/accounts`)).body as { id: string; name: string }[];
      await api.call('PATCH', `${base}/settings`, { depositAccountId: accounts.find((a) => a.name === 'Checking')!.id });
      // Now the payout goes first and QuickBooks is busy: writes end, the reads bring our invoice back.
      quickBooks.misbehaviour.lockNextWrites = 1;
      later(0.1);
      await connector.runSession();
      expect((await invoices()).filter((i) => i.number === 'P-LOST')).to.have.length(1);
      expect(await invoice(created.id)).to.deep.include({ source: 'qbd' });
      expect((await invoice(created.id)).qbd).to.deep.include({ state: 'synced', txnId: ours()[0].txnId });
      later(5);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      expect((await invoices()).filter((i) => i.number === 'P-LOST')).to.have.length(1);
    });

    it('sends a platform payment made before its invoice reached QuickBooks after the invoice, applied to it', async () => {
      const { create, customer, connector, api, base, company } = await setup(true);
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      expect((await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '10.00' })).body.qbd.state).to.equal('pending');
      await connector.runSession();
      const added = [...company.invoices.values()].find((i) => i.externalGuid)!;
      expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-')).map((p) => p.applications)).to.deep.equal([
        [{ invoiceId: added.txnId, amount: '10.00' }],
      ]);
    });

    it('asks for the QuickBooks item of each line, and sends the invoice once an edit gives them', async () => {
      const { create, edit, customer, connector, ours, invoice, later } = await setup(true);
      const created = (await create({ customerId: customer.id, lines: [{ description: 'No item', amount: '20.00' }] })).body;
      await connector.runSession();
      const waiting = await invoice(created.id);
      expect(waiting.qbd.state).to.equal('needs_action');
      expect(waiting.qbd.message).to.match(/needs an item on every invoice line; line 1 has none/);
      expect(ours()).to.have.length(0);
      const fixed = await edit(created.id, { lines: [{ id: waiting.lines[0].id, item: 'Services', description: 'No item', amount: '20.00' }] });
      expect(fixed.body.qbd.state).to.equal('pending');
      later(5);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      expect(ours()[0].lines.map((l) => l.itemName)).to.deep.equal(['Services']);
    });

    it('sends the payments kept here while the invoice could not go to QuickBooks once an edit lets it go, after it', async () => {
      const { create, edit, customer, connector, ours, invoice, later, api, base, company } = await setup(true);
      const created = (await create({ customerId: customer.id, lines: [{ description: 'No item yet', amount: '80.00' }] })).body;
      await connector.runSession();
      expect((await invoice(created.id)).qbd.state).to.equal('needs_action');
      const payment = (await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '30.00' })).body;
      expect(payment.qbd.state, 'kept while the invoice is not on its way').to.equal('not_sent');
      expect((await invoice(created.id)).balance).to.equal('50.00');
      const fixed = await edit(created.id, {
        lines: [{ id: (await invoice(created.id)).lines[0].id, item: 'Services', description: 'No item yet', amount: '80.00' }],
      });
      expect(fixed.body.balance, 'not counted twice: owed 80.00 less 30.00 on its way').to.equal('80.00');
      later(5);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      const paid = [...company.payments.values()].filter((p) => p.memo?.includes(payment.id));
      expect(paid.map((p) => p.applications)).to.deep.equal([[{ invoiceId: ours()[0].txnId, amount: '30.00' }]]);
      expect(await invoice(created.id)).to.deep.include({ balance: '50.00', status: 'partially-paid' });
      expect((await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '50.01' })).status, 'never more than is owed').to.equal(422);
    });

    it('sends a due-date edit without touching the lines QuickBooks has', async () => {
      const { invoices, edit, connector, company, quickBooks } = await setup(true);
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const linesBefore = JSON.stringify(company.invoice(target.qbd.txnId!).lines);
      await edit(target.id, { dueDate: '2027-06-30' });
      quickBooks.log.length = 0;
      await connector.runSession();
      const mods = quickBooks.log.filter((l) => l.requestXml.includes('<InvoiceModRq'));
      expect(mods).to.have.length(1);
      expect(mods[0].requestXml).to.not.include('InvoiceLineMod');
      expect(company.invoice(target.qbd.txnId!).dueDate).to.equal('2027-06-30');
      expect(JSON.stringify(company.invoice(target.qbd.txnId!).lines)).to.equal(linesBefore);
    });

    it('sends an edit of a QuickBooks invoice once: only what differs, with a fresh EditSequence', async () => {
      const { invoices, edit, connector, company, requests, quickBooks, later } = await setup(true);
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd' && i.lines.every((l) => l.itemName))!;
      const lines = target.lines.map((l) => ({
        id: l.id,
        description: l.description ?? 'Line',
        quantity: l.quantity ?? undefined,
        rate: l.rate ?? undefined,
        amount: l.amount,
      }));
      const extra = { item: 'Services', description: 'Added on the platform', amount: '10.00' };
      const edited = await edit(target.id, { dueDate: '2027-02-28', lines: [...lines, extra] });
      expect(edited.status).to.equal(200);
      quickBooks.log.length = 0;
      await connector.runSession();
      expect(requests('InvoiceModRq')).to.equal(1);
      const inQuickBooks = company.invoice(target.qbd.txnId!);
      expect(inQuickBooks.dueDate).to.equal('2027-02-28');
      expect(inQuickBooks.lines.map((l) => l.desc)).to.deep.equal([...lines.map((l) => l.description), 'Added on the platform']);
      // Sent once: the next session asks nothing more.
      later(5);
      quickBooks.log.length = 0;
      await connector.runSession();
      expect(requests('InvoiceModRq') + requests('InvoiceAddRq')).to.equal(0);
    });

    it('re-reads and retries once when the invoice changed in QuickBooks meanwhile, then asks the partner', async () => {
      const { invoices, edit, connector, company, requests, quickBooks, invoice } = await setup(true);
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      await edit(target.id, { dueDate: '2027-03-31' });
      // Someone edits the invoice in QuickBooks right after each of our reads of it.
      quickBooks.afterRequest = (xml) => {
        if (xml.includes('<InvoiceQueryRq') && xml.includes(target.qbd.txnId!)) company.editInvoice(target.qbd.txnId!, { memo: `edited at ${Date.now()}` });
      };
      quickBooks.log.length = 0;
      await connector.runSession();
      quickBooks.afterRequest = undefined;
      expect(requests('InvoiceModRq')).to.equal(2);
      const state = (await invoice(target.id)).qbd;
      expect(state.state).to.equal('needs_action');
      expect(state.message).to.match(/3200/);
    });

    it('sends only schema-valid requests', async function () {
      if (!schemaAvailability().available) return this.skip();
      const { create, customer, invoices, edit, connector, quickBooks, later } = await setup(true);
      await create({ customerId: customer.id, number: 'P-300', dueDate: '2026-12-31', ...twoLines });
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      await edit(target.id, { dueDate: '2027-04-30', lines: [{ item: 'Services', description: 'Replaced', quantity: '1.5', rate: '10.00', amount: '15.00' }] });
      await connector.runSession({ loseReceiveAnswer: 1 });
      later(0.1);
      await connector.runSession();
      expect(Object.fromEntries(await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml }))))).to.deep.equal({});
    });
  });
});
