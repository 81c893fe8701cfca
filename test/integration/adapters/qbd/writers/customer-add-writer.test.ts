import { expect } from 'chai';
import { outboxStep } from '../../../../../adapters/qbd/qbwc/steps/outbox-step';
import { QBD_SYSTEM } from '../../../../../adapters/qbd/qbd-system';
import { buildQbxmlDocument } from '../../../../../adapters/qbd/qbxml/requests/qbxml-document';
import type { QbxmlRequest } from '../../../../../adapters/qbd/qbxml/requests/qbxml-request';
import { BUILT_IN_SYNC } from '../../../../../core/config/app-config';
import { enqueue, outboxRow } from '../../../../../core/store/outbox';
import { useStepBench } from '../steps/step-bench';

describe('The outbox step with the customer-add writer, against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useStepBench();

  async function withCustomerToAdd(name: string) {
    const env = await bench.connect();
    const rowId = await enqueue(bench.em(), {
      connectionId: env.connectionId,
      source: 'alternative',
      target: QBD_SYSTEM,
      item: 'customer',
      operation: 'customer-add',
      sourceId: `platform-${name}`,
      payload: { id: `platform-${name}`, name, fullName: name, isActive: true, email: 'ap@example.com' },
      now: env.company.clock.now(),
    });
    return { ...env, rowId };
  }

  it('adds the customer with our row id as ExternalGUID, and settles the row with its ListID, routing nothing', async () => {
    const { company, run, rowId } = await withCustomerToAdd('Nova Ltd');
    const { requests, result } = await run(outboxStep);
    expect(requests.map((r) => r.rqName)).to.deep.equal(['CustomerAddRq']);
    expect(requests[0].xml).to.include(`<ExternalGUID>{${rowId.toUpperCase()}}</ExternalGUID>`);
    const added = [...company.customers.values()].find((c) => c.name === 'Nova Ltd')!;
    expect(result).to.deep.equal({ done: false, counts: { 'customers sent': 1 } });
    expect(await outboxRow(bench.em(), rowId)).to.deep.include({ state: 'done', target_id: added.listId });
  });

  it('looks the customer up by name after a lost answer, and settles the row without adding it twice', async () => {
    const { company, run, rowId, quickBooks } = await withCustomerToAdd('Lost Answer Co');
    // The add reaches QuickBooks; its answer is lost before the step hears it.
    const first = await outboxStep.buildRequest({
      em: bench.em(),
      connectionId: (await outboxRow(bench.em(), rowId))!.connection_id,
      requestId: 'lost-1',
      now: company.clock.now(),
      state: {},
      fullSync: false,
      sync: BUILT_IN_SYNC,
    });
    await quickBooks.process(buildQbxmlDocument({ version: '13.0', onError: 'stopOnError', requests: [first as QbxmlRequest] }));
    expect((await outboxRow(bench.em(), rowId))!.state).to.equal('sent');
    const lookup = await run(outboxStep);
    expect(lookup.requests.map((r) => r.rqName)).to.deep.equal(['CustomerQueryRq']);
    expect(lookup.requests[0].xml).to.include('<FullName>Lost Answer Co</FullName>');
    expect(lookup.result).to.deep.equal({ done: false, counts: { 'customers found after a lost answer': 1 } });
    expect([...company.customers.values()].filter((c) => c.name === 'Lost Answer Co')).to.have.length(1);
    expect(await outboxRow(bench.em(), rowId)).to.deep.include({ state: 'done', message: 'Found in QuickBooks after a lost answer.' });
  });

  it('leaves a name QuickBooks cannot store to the partner without sending anything', async () => {
    const { connectionId, company, rowId } = await withCustomerToAdd('Москва');
    const request = await outboxStep.buildRequest({
      em: bench.em(),
      connectionId,
      requestId: 'r-1',
      now: company.clock.now(),
      state: {},
      fullSync: false,
      sync: BUILT_IN_SYNC,
    });
    expect(request).to.equal(undefined);
    const row = (await outboxRow(bench.em(), rowId))!;
    expect(row.state).to.equal('needs-action');
    expect(row.message).to.match(/^QuickBooks cannot take this customer: .*characters QuickBooks cannot store/);
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
