import { expect } from 'chai';
import { flowsOutOfQuickBooks } from '../../../../../../adapters/qbd/qbwc/steps/flows-out';
import { estimatesStep } from '../../../../../../adapters/qbd/qbwc/steps/estimates-step';
import { PlanContext } from '../../../../../../adapters/qbd/qbwc/steps/session-step';
import { buildFrameworkRegistry } from '../../../../../../core/plugins/framework-registry';
import { DirectionRule } from '../../../../../../core/rules/direction-rule';
import { alternativeQbdPlugin } from '../../../../../../plugins/alternative-qbd/alternative-qbd-plugin';

const registry = buildFrameworkRegistry({ plugins: [alternativeQbdPlugin] });
const partner = (rules: DirectionRule[]) => registry.ruleSetFor({ name: 'partner:test', origin: 'partner', rules });
const READS_ESTIMATES: DirectionRule = { item: 'estimate', operation: 'upsert', flow: 'qbd->alternative' };

/** A plan context with nothing but the rules: the estimates step looks at nothing else. */
const planContext = (flowsOut?: PlanContext['flowsOut']) => ({ flowsOut }) as PlanContext;

describe('flowsOutOfQuickBooks', () => {
  it('says no for estimates under the default rules, and yes once a partner row lets them flow to the platform', () => {
    expect(flowsOutOfQuickBooks(registry, registry.ruleSetFor())('estimate')).to.equal(false);
    expect(flowsOutOfQuickBooks(registry, partner([READS_ESTIMATES]))('estimate')).to.equal(true);
  });

  it('says no when the row sends estimates the other way, and yes for invoices, which the defaults read', () => {
    expect(flowsOutOfQuickBooks(registry, partner([{ ...READS_ESTIMATES, flow: 'alternative->qbd' }]))('estimate')).to.equal(false);
    expect(flowsOutOfQuickBooks(registry, registry.ruleSetFor())('invoice')).to.equal(true);
  });

  it('says no for an item no other system takes, whatever the rules', () => {
    expect(flowsOutOfQuickBooks(registry, partner([{ item: 'account', operation: 'upsert', flow: 'both' }]))('account')).to.equal(false);
  });
});

describe('The estimates step', () => {
  it('is planned only when the rules let estimates flow out of QuickBooks', async () => {
    expect(await estimatesStep.isDue!(planContext())).to.equal(false);
    expect(await estimatesStep.isDue!(planContext(flowsOutOfQuickBooks(registry, registry.ruleSetFor())))).to.equal(false);
    expect(await estimatesStep.isDue!(planContext(flowsOutOfQuickBooks(registry, partner([READS_ESTIMATES]))))).to.equal(true);
  });
});
