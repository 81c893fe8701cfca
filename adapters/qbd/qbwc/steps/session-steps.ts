import { accountsStep } from './accounts-step';
import { customersStep } from './customers-step';
import { deletedCustomersStep } from './deleted-customers-step';
import { SessionStep } from './session-step';

/** Every step a plan may name. */
export const SESSION_STEPS: Readonly<Record<string, SessionStep>> = Object.fromEntries([accountsStep, customersStep, deletedCustomersStep].map((s) => [s.name, s]));

/** What a session does, in order (the HCP answer is read first, always). */
export function planSteps(): string[] {
  return ['accounts', 'customers', 'customers-deleted'];
}
