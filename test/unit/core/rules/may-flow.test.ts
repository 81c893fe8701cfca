import { expect } from 'chai';
import { DirectionRule, RuleSet } from '../../../../core/rules/direction-rule';
import { FRAMEWORK_RULES } from '../../../../core/rules/framework-rules';
import { mayFlow } from '../../../../core/rules/may-flow';

const layer = (name: string, rules: DirectionRule[], origin: 'plugin' | 'partner' = 'plugin') => ({ name, origin, rules });
const set = (...layers: ReturnType<typeof layer>[]): RuleSet => ({ layers: [FRAMEWORK_RULES, ...layers] });
const q = { item: 'customer', operation: 'upsert', from: 'qbd', to: 'alternative' } as const;

describe('mayFlow', () => {
  it('says no when only the framework layer is there (zero plugins)', () => {
    const decision = mayFlow(set(), q);
    expect(decision.allowed).to.equal(false);
    expect(decision.layer).to.equal('framework');
  });

  it('allows a one-way flow only in its direction', () => {
    const rules = set(layer('p', [{ item: 'customer', operation: 'upsert', flow: 'qbd->alternative' }]));
    expect(mayFlow(rules, q).allowed).to.equal(true);
    expect(mayFlow(rules, { ...q, from: 'alternative', to: 'qbd' }).allowed).to.equal(false);
  });

  it('allows both directions with "both", never from a system to itself', () => {
    const rules = set(layer('p', [{ item: '*', operation: 'status', flow: 'both' }]));
    expect(mayFlow(rules, { ...q, operation: 'status' }).allowed).to.equal(true);
    expect(mayFlow(rules, { ...q, operation: 'status', from: 'alternative', to: 'qbd' }).allowed).to.equal(true);
    expect(mayFlow(rules, { ...q, operation: 'status', to: 'qbd' }).allowed).to.equal(false);
  });

  it('lets a more specific row win over a general one, whatever the layer order', () => {
    const plugin = layer('p', [{ item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', flow: 'none' }]);
    const partner = layer('partner', [{ item: 'invoice', operation: 'upsert', flow: 'qbd->alternative' }], 'partner');
    const decision = mayFlow(set(plugin, partner), { ...q, item: 'invoice', fieldGroup: 'amounts' });
    expect(decision).to.deep.include({ allowed: false, layer: 'p' });
  });

  it('lets the later layer win between equally specific rows', () => {
    const plugin = layer('p', [{ item: 'customer', operation: 'upsert', flow: 'qbd->alternative' }]);
    const partner = layer('partner', [{ item: 'customer', operation: 'upsert', flow: 'both' }], 'partner');
    expect(mayFlow(set(plugin, partner), { ...q, from: 'alternative', to: 'qbd' })).to.deep.include({ allowed: true, layer: 'partner' });
  });

  it('applies a conditional row only when its fact holds', () => {
    const rules = set(
      layer('p', [
        { item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', flow: 'none' },
        { item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', when: 'invoice-unpaid', flow: 'qbd->alternative' },
      ]),
    );
    const question = { ...q, item: 'invoice', fieldGroup: 'amounts' } as const;
    expect(mayFlow(rules, question).allowed).to.equal(false);
    expect(mayFlow(rules, { ...question, facts: ['invoice-unpaid'] }).allowed).to.equal(true);
  });

  it('matches a field-group row only for that group', () => {
    const rules = set(layer('p', [{ item: 'invoice', operation: 'upsert', fieldGroup: 'status', flow: 'both' }]));
    expect(mayFlow(rules, { ...q, item: 'invoice', fieldGroup: 'status', from: 'alternative', to: 'qbd' }).allowed).to.equal(true);
    expect(mayFlow(rules, { ...q, item: 'invoice', from: 'alternative', to: 'qbd' }).allowed).to.equal(false);
  });

  it('lets a one-way row speak only about the pair of systems it names, so two accounting systems do not overrule each other', () => {
    const qbd = layer('plugin:qbd', [{ item: 'invoice', operation: 'upsert', flow: 'qbd->alternative' }]);
    const qbo = layer('plugin:qbo', [{ item: 'invoice', operation: 'upsert', flow: 'qbo->alternative' }]);
    const rules = set(qbd, qbo);
    expect(mayFlow(rules, { ...q, item: 'invoice' })).to.deep.include({ allowed: true, layer: 'plugin:qbd' });
    expect(mayFlow(rules, { ...q, item: 'invoice', from: 'qbo' })).to.deep.include({ allowed: true, layer: 'plugin:qbo' });
    expect(mayFlow(rules, { ...q, item: 'invoice', from: 'alternative', to: 'qbo' })).to.deep.include({ allowed: false, layer: 'plugin:qbo' });
    expect(mayFlow(rules, { ...q, item: 'invoice', from: 'qbd', to: 'qbo' })).to.deep.include({ allowed: false, layer: 'framework' });
  });
});
