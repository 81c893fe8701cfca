import { expect } from 'chai';
import { ChangeOperation } from '../../../../core/changes/change';
import { buildFrameworkRegistry } from '../../../../core/plugins/framework-registry';
import { mayFlow } from '../../../../core/rules/may-flow';
import { plugin as qbdPlugin } from '../../../../plugins/alternative-qbd';
import { plugin as qboPlugin } from '../../../../plugins/alternative-qbo';

// Both plugins, as config/defaults.json loads them: each system's rows must decide its own pair only.
const registry = buildFrameworkRegistry({ plugins: [qbdPlugin, qboPlugin] });
const ruleSet = registry.ruleSetFor();

interface Row {
  readonly says: string;
  readonly item: string;
  readonly operation: ChangeOperation;
  readonly fieldGroup?: string;
  readonly facts?: string[];
  readonly toAlt: boolean;
  readonly fromAlt: boolean;
}

const TABLE: Row[] = [
  { says: 'customers come from the accounting system', item: 'customer', operation: 'upsert', toAlt: true, fromAlt: false },
  { says: 'inactive customers are archived', item: 'customer', operation: 'archive', toAlt: true, fromAlt: false },
  { says: 'invoices come from the accounting system', item: 'invoice', operation: 'upsert', toAlt: true, fromAlt: false },
  {
    says: 'amounts of unpaid invoices follow it',
    item: 'invoice',
    operation: 'upsert',
    fieldGroup: 'amounts',
    facts: ['invoice-unpaid'],
    toAlt: true,
    fromAlt: false,
  },
  { says: 'amounts of paid invoices stay', item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', toAlt: false, fromAlt: false },
  { says: 'deleted invoices are archived', item: 'invoice', operation: 'delete', toAlt: true, fromAlt: false },
  { says: 'invoice status goes both ways', item: 'invoice', operation: 'status', toAlt: true, fromAlt: true },
  { says: 'payments go to the accounting system', item: 'payment', operation: 'upsert', toAlt: false, fromAlt: true },
  { says: 'a failed payment is reverted there', item: 'payment', operation: 'delete', toAlt: false, fromAlt: true },
  { says: 'payouts become deposits there', item: 'deposit', operation: 'upsert', toAlt: false, fromAlt: true },
];

describe('The default Alternative <-> QBO rules, loaded beside the QBD ones', () => {
  it('registers the QuickBooks Online adapter', () => {
    expect(registry.adapters.get('qbo')?.displayName).to.equal('QuickBooks Online');
  });

  for (const system of ['qbo', 'qbd']) {
    for (const row of TABLE) {
      it(`${system}: ${row.says}`, () => {
        const question = { item: row.item, operation: row.operation, fieldGroup: row.fieldGroup, facts: row.facts };
        expect(mayFlow(ruleSet, { ...question, from: system, to: 'alternative' }).allowed, `${system} -> Alt`).to.equal(row.toAlt);
        expect(mayFlow(ruleSet, { ...question, from: 'alternative', to: system }).allowed, `Alt -> ${system}`).to.equal(row.fromAlt);
      });
    }
  }

  // Invoice status is a `both` row, which speaks about every pair: what keeps a QBD change from
  // QBO is that routing sends a connection's changes only to that connection's own systems.
  it('lets no one-way row flow between the two accounting systems', () => {
    for (const row of TABLE.filter((r) => !(r.toAlt && r.fromAlt))) {
      const question = { item: row.item, operation: row.operation, fieldGroup: row.fieldGroup, facts: row.facts };
      expect(mayFlow(ruleSet, { ...question, from: 'qbd', to: 'qbo' }).allowed, `${row.item} ${row.operation}`).to.equal(false);
      expect(mayFlow(ruleSet, { ...question, from: 'qbo', to: 'qbd' }).allowed, `${row.item} ${row.operation}`).to.equal(false);
    }
  });
});
