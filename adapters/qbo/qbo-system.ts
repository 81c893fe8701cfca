/** The system id of QuickBooks Online connections, rules and changes. */
export const QBO_SYSTEM = 'qbo';

/** How the product names it to partners. */
export const QBO_DISPLAY_NAME = 'QuickBooks Online';
