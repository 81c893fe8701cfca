/** The system id QuickBooks Desktop goes by in rules, changes and the id map. */
export const QBD_SYSTEM = 'qbd';
