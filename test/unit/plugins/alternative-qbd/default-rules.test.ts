import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../../core/runtime/package-root';
import type { DirectionRule } from '../../../../core/rules/direction-rule';
import { ChangeOperation } from '../../../../core/changes/change';
import { buildFrameworkRegistry } from '../../../../core/plugins/framework-registry';
import { mayFlow } from '../../../../core/rules/may-flow';
import { plugin } from '../../../../plugins/alternative-qbd';

const ruleSet = buildFrameworkRegistry({ plugins: [plugin] }).ruleSetFor();
const QBD_TO_ALT = { from: 'qbd', to: 'alternative' } as const;
const ALT_TO_QBD = { from: 'alternative', to: 'qbd' } as const;

interface Row {
  readonly says: string;
  readonly item: string;
  readonly operation: ChangeOperation;
  readonly fieldGroup?: string;
  readonly facts?: string[];
  readonly qbdToAlt: boolean;
  readonly altToQbd: boolean;
}

// One row per rule of the product table in DEVELOPERS.md, both directions checked.
const TABLE: Row[] = [
  { says: 'customers come from QuickBooks; created in Alt never go to QBD', item: 'customer', operation: 'upsert', qbdToAlt: true, altToQbd: false },
  { says: 'inactive customers in QBD are archived in Alt', item: 'customer', operation: 'archive', qbdToAlt: true, altToQbd: false },
  { says: 'deleted customers in QBD are deleted in Alt', item: 'customer', operation: 'delete', qbdToAlt: true, altToQbd: false },
  { says: 'invoices and lines come from QBD; created in Alt never go to QBD', item: 'invoice', operation: 'upsert', qbdToAlt: true, altToQbd: false },
  {
    says: 'amounts of unpaid invoices follow QBD',
    item: 'invoice',
    operation: 'upsert',
    fieldGroup: 'amounts',
    facts: ['invoice-unpaid'],
    qbdToAlt: true,
    altToQbd: false,
  },
  { says: 'amounts of paid invoices stay', item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', qbdToAlt: false, altToQbd: false },
  {
    says: 'due dates of unpaid invoices follow QBD',
    item: 'invoice',
    operation: 'upsert',
    fieldGroup: 'due-date',
    facts: ['invoice-unpaid'],
    qbdToAlt: true,
    altToQbd: false,
  },
  { says: 'due dates of paid invoices stay', item: 'invoice', operation: 'upsert', fieldGroup: 'due-date', qbdToAlt: false, altToQbd: false },
  {
    says: 'lines of unpaid invoices follow QBD',
    item: 'invoice',
    operation: 'upsert',
    fieldGroup: 'lines',
    facts: ['invoice-unpaid'],
    qbdToAlt: true,
    altToQbd: false,
  },
  {
    says: 'partial payments and credits in QBD reach the Alt balance',
    item: 'invoice',
    operation: 'upsert',
    fieldGroup: 'balance',
    qbdToAlt: true,
    altToQbd: false,
  },
  { says: 'deleted invoices in QBD are archived in Alt', item: 'invoice', operation: 'delete', qbdToAlt: true, altToQbd: false },
  { says: 'voided invoices in QBD are archived in Alt', item: 'invoice', operation: 'archive', qbdToAlt: true, altToQbd: false },
  { says: 'invoice status goes both ways', item: 'invoice', operation: 'status', qbdToAlt: true, altToQbd: true },
  { says: 'payments go from Alt to QBD', item: 'payment', operation: 'upsert', qbdToAlt: false, altToQbd: true },
  { says: 'a failed Alt payment is deleted in QBD', item: 'payment', operation: 'delete', qbdToAlt: false, altToQbd: true },
  { says: 'payouts become deposits in QBD', item: 'deposit', operation: 'upsert', qbdToAlt: false, altToQbd: true },
  { says: 'deposits are never deleted from Alt side by default', item: 'deposit', operation: 'delete', qbdToAlt: false, altToQbd: false },
  { says: 'the chart of accounts comes from QBD', item: 'account', operation: 'upsert', qbdToAlt: true, altToQbd: false },
];

describe('The default Alternative <-> QBD rules', () => {
  for (const row of TABLE) {
    const question = { item: row.item, operation: row.operation, fieldGroup: row.fieldGroup, facts: row.facts };
    it(row.says, () => {
      expect(mayFlow(ruleSet, { ...question, ...QBD_TO_ALT }).allowed, 'QBD -> Alt').to.equal(row.qbdToAlt);
      expect(mayFlow(ruleSet, { ...question, ...ALT_TO_QBD }).allowed, 'Alt -> QBD').to.equal(row.altToQbd);
    });
  }
});

describe('The example override that sends platform invoices to QuickBooks, over the defaults', () => {
  const file = JSON.parse(readFileSync(join(packageRoot(), 'config/examples/partner-sends-invoices-to-qbd.json'), 'utf8')) as { rules: DirectionRule[] };
  const overridden = buildFrameworkRegistry({ plugins: [plugin] }).ruleSetFor({ name: 'partner:example', origin: 'partner', rules: file.rules });
  const ask = (fieldGroup: string | undefined, facts: string[], way: typeof QBD_TO_ALT | typeof ALT_TO_QBD) =>
    mayFlow(overridden, { item: 'invoice', operation: 'upsert', fieldGroup, facts, ...way }).allowed;

  it('lets a platform invoice and its edits of lines, amounts and due date go to QuickBooks', () => {
    for (const group of ['header', 'lines', 'amounts', 'due-date']) expect(ask(group, [], ALT_TO_QBD), group).to.equal(true);
  });

  it("keeps QuickBooks' own flow as the defaults have it: unpaid invoices follow QuickBooks, paid ones keep their lines and amounts", () => {
    for (const group of ['lines', 'amounts', 'due-date']) {
      expect(ask(group, ['invoice-unpaid'], QBD_TO_ALT), `${group} of an unpaid invoice`).to.equal(true);
      expect(ask(group, [], QBD_TO_ALT), `${group} of a paid invoice`).to.equal(false);
    }
    expect(ask('balance', [], QBD_TO_ALT)).to.equal(true);
  });
});
