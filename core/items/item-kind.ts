/** The sync items the framework knows. Plugins may add their own kinds (see ItemDescriptor). */
export const CORE_ITEM_KINDS = ['customer', 'invoice', 'payment', 'deposit', 'account'] as const;
export type CoreItemKind = (typeof CORE_ITEM_KINDS)[number];

/** An item kind name: one of the core kinds or one a plugin registered. */
export type ItemKind = CoreItemKind | (string & {});

/** Ids are the source system's own (a QuickBooks ListID/TxnID, an Alternative uuid). */
export const ID_RULES = { max: 64 } as const;
