/** The system id of QuickBooks Online connections and changes. */
export const QBO_SYSTEM = 'qbo';
