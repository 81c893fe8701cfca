import { expect } from 'chai';
import { parseChange } from '../../../../core/changes/change';
import { CORE_ITEMS } from '../../../../core/items/core-items';
import { ItemCatalog } from '../../../../core/items/item-catalog';
import { customerJson, invoiceJson } from '../items/fixtures';
import { problemsOf } from '../items/problems-of';

const catalog = new ItemCatalog(CORE_ITEMS);
const envelope = (over: Record<string, unknown>) => ({
  item: 'customer',
  operation: 'upsert',
  source: 'qbd',
  sourceId: customerJson().id,
  sourceVersion: '1446673838',
  observedAt: '2026-11-25T10:00:00-05:00',
  payload: customerJson(),
  ...over,
});

describe('Change', () => {
  it('accepts an upsert whose payload is a valid item with the same id', () => {
    expect(parseChange(envelope({}), catalog).payload).to.deep.include({ name: 'Acme' });
  });

  it('reports problems inside the payload with their path', () => {
    const problems = problemsOf(() => parseChange(envelope({ payload: { ...customerJson(), name: '' } }), catalog));
    expect(problems).to.deep.equal([{ at: 'payload.name', message: 'must not be empty' }]);
  });

  it('refuses an upsert whose payload id is not the sourceId', () => {
    expect(problemsOf(() => parseChange(envelope({ sourceId: 'other' }), catalog)).map((p) => p.at)).to.deep.equal(['payload.id']);
  });

  it('refuses an unknown item, operation and source, and a zoneless time, all at once', () => {
    const problems = problemsOf(() => parseChange(envelope({ item: 'vendor', operation: 'merge', source: 'QBD', observedAt: '2026-11-25T10:00:00' }), catalog));
    expect(problems.map((p) => p.at)).to.have.members(['item', 'operation', 'source', 'observedAt']);
  });

  it("takes a status change only with one of the item's statuses", () => {
    const ok = envelope({ item: 'invoice', operation: 'status', sourceId: invoiceJson().id, payload: { status: 'paid' } });
    expect(parseChange(ok, catalog).payload).to.deep.equal({ status: 'paid' });
    expect(problemsOf(() => parseChange({ ...ok, payload: { status: 'settled' } }, catalog)).map((p) => p.at)).to.deep.equal(['payload.status']);
    expect(problemsOf(() => parseChange(envelope({ operation: 'status', payload: { status: 'paid' } }), catalog))).to.deep.equal([
      { at: 'operation', message: '"customer" has no status to change' },
    ]);
  });

  it('takes an archive with an optional reason and the name the source knows it by, nothing else', () => {
    expect(parseChange(envelope({ operation: 'archive', payload: { reason: 'made inactive' } }), catalog).payload).to.deep.equal({ reason: 'made inactive' });
    expect(parseChange(envelope({ operation: 'delete', payload: { name: 'Invoice 1011' } }), catalog).payload).to.deep.equal({ name: 'Invoice 1011' });
    expect(
      problemsOf(() => parseChange(envelope({ operation: 'delete', payload: { colour: 'x', name: 'y'.repeat(201) } }), catalog)).map((p) => p.at),
    ).to.deep.equal(['payload.name', 'payload.colour']);
  });
});
