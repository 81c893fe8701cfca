/** The system id the Alternative Payments platform goes by in rules, changes and the id map. */
export const ALTERNATIVE_SYSTEM = 'alternative';
