import { expect } from 'chai';
import { Change } from '../../../../core/changes/change';
import { AppError } from '../../../../core/errors/app-error';
import { CORE_ITEMS } from '../../../../core/items/core-items';
import { ItemCatalog } from '../../../../core/items/item-catalog';
import { decideFlow } from '../../../../core/pipeline/decide-flow';
import { FRAMEWORK_RULES } from '../../../../core/rules/framework-rules';
import { Instant } from '../../../../core/values/instant';

const catalog = new ItemCatalog(CORE_ITEMS);
const ruleSet = {
  layers: [
    FRAMEWORK_RULES,
    {
      name: 'test',
      origin: 'plugin' as const,
      rules: [
        { item: 'customer', operation: '*' as const, flow: 'qbd->alternative' as const },
        { item: 'invoice', operation: 'upsert' as const, flow: 'qbd->alternative' as const },
        { item: 'invoice', operation: 'upsert' as const, fieldGroup: 'amounts', flow: 'none' as const },
        { item: 'invoice', operation: 'upsert' as const, fieldGroup: 'amounts', when: 'invoice-unpaid', flow: 'qbd->alternative' as const },
      ],
    },
  ],
};
const change = (item: string, operation: Change['operation'], extra: Partial<Change> = {}): Change => ({
  item,
  operation,
  source: 'qbd',
  sourceId: 's-1',
  observedAt: '2026-11-25T10:00:00-05:00' as Instant,
  payload: {},
  ...extra,
});
const decide = (c: Change, facts: readonly string[] = []) => decideFlow({ ruleSet, catalog, target: 'alternative' }, c, facts);
const invoiceGroups = [...catalog.get('invoice').fieldGroups];

describe('decideFlow', () => {
  it('asks once for the whole record of an archive, delete or status change', () => {
    const archive = change('customer', 'archive');
    expect(decide(archive)).to.deep.equal({ change: archive, target: 'alternative', allowedGroups: ['*'], deniedGroups: [] });
  });

  it('asks about every field group of an upsert that names none, and splits them into allowed and denied', () => {
    const decision = decide(change('invoice', 'upsert'));
    expect(decision.allowedGroups).to.deep.equal(invoiceGroups.filter((g) => g !== 'amounts'));
    expect(decision.deniedGroups).to.deep.equal(['amounts']);
  });

  it('lets a group flow when a fact its rule depends on holds for the target record', () => {
    expect(decide(change('invoice', 'upsert'), ['invoice-unpaid']).allowedGroups).to.deep.equal(invoiceGroups);
  });

  it('asks only about the groups an upsert names', () => {
    const decision = decide(change('invoice', 'upsert', { fieldGroups: ['amounts'] }));
    expect([decision.allowedGroups, decision.deniedGroups]).to.deep.equal([[], ['amounts']]);
  });

  it('denies every group no rule lets flow', () => {
    const decision = decide(change('payment', 'upsert'));
    expect([decision.allowedGroups, decision.deniedGroups]).to.deep.equal([[], [...catalog.get('payment').fieldGroups]]);
  });

  it('throws an invalid AppError for an item the catalog does not know', () => {
    expect(() => decide(change('vendor', 'upsert')))
      .to.throw(AppError)
      .with.property('kind', 'invalid');
  });
});
