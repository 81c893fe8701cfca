/** The system id QuickBooks Online goes by in rules, changes and the id map. */
export const QBO_SYSTEM = 'qbo';

/** How the product names it to partners. */
export const QBO_DISPLAY_NAME = 'QuickBooks Online';
