import { accountsStep } from './accounts-step';
import { customersStep } from './customers-step';
import { deletedApplicationsStep } from './deleted-applications-step';
import { deletedCustomersStep, deletedInvoicesStep } from './deletions-step';
import { estimatesStep } from './estimates-step';
import { invoiceBalancesStep } from './invoice-balances-step';
import { invoicesStep } from './invoices-step';
import { outboxStep } from './outbox-step';
import { PlanContext, SessionStep } from './session-step';
import { vanishedCustomersStep, vanishedInvoicesStep } from './vanished-step';

const STEPS = [
  outboxStep,
  accountsStep,
  customersStep,
  deletedCustomersStep,
  invoicesStep,
  deletedInvoicesStep,
  deletedApplicationsStep,
  invoiceBalancesStep,
  estimatesStep,
  vanishedCustomersStep,
  vanishedInvoicesStep,
];

/** Every step a plan may name. */
export const SESSION_STEPS: Readonly<Record<string, SessionStep>> = Object.fromEntries(STEPS.map((s) => [s.name, s]));

/**
 * What a session does, in order (the HCP answer is read first, always): writes first, so the
 * reads after them end the session with QuickBooks' own numbers; customers before the
 * invoices that name them.
 */
export async function planSteps(context: PlanContext): Promise<string[]> {
  const due = await Promise.all(STEPS.map((s) => (s.isDue ? s.isDue(context) : true)));
  return STEPS.filter((_, i) => due[i]).map((s) => s.name);
}
