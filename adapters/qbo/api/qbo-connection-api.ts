import { ApiDescription, bool, dict, int, list, nullable, obj, str } from '../../../core/runtime/http/openapi/api-description';

const QBO_CONNECTION_SCHEMA = obj({
  id: str(),
  system: str('Always qbo here', { enum: ['qbo'] }),
  companyName: str('From QuickBooks Online (CompanyInfo) when it tells'),
  realmId: nullable(str('The QuickBooks Online company id')),
  status: str('connected after sign-in; error when QuickBooks Online must be connected again; paused', { enum: ['pending', 'connected', 'error', 'paused'] }),
  lastAuthenticatedAt: nullable(str('When the partner last signed in to QuickBooks Online for it', { format: 'date-time' })),
  lastSyncAt: nullable(str(undefined, { format: 'date-time' })),
  progress: obj({
    percent: int(undefined, { minimum: 0, maximum: 100 }),
    phase: nullable(str('What the sync is doing')),
    counts: dict(int(undefined, { minimum: 1 }), 'What the running (or last) sync has done so far'),
  }),
  settings: obj({ paymentAccountId: nullable(str()), depositAccountId: nullable(str()), syncIntervalMinutes: int(undefined, { minimum: 1, maximum: 1440 }) }),
  lastError: nullable(obj({ code: str(), message: str('What happened and what to do') })),
  health: obj({
    state: str(undefined, { enum: ['waiting', 'ok', 'stale', 'paused'] }),
    lastAnsweredAt: nullable(str(undefined, { format: 'date-time' })),
    lastContactAt: nullable(str(undefined, { format: 'date-time' })),
    quietAfterMinutes: int(undefined, { minimum: 3 }),
  }),
  needsAttention: list(
    obj({
      kind: str(undefined, { enum: ['stale', 'error', 'choose_accounts'] }),
      text: str(),
      advice: str(),
      at: nullable(str(undefined, { format: 'date-time' })),
    }),
  ),
});

const EXAMPLE = {
  id: '5b0e7b8e-3f4a-4c1e-9d55-0d4e2c6a9f10',
  system: 'qbo',
  companyName: 'Café Ñandú & Sons',
  realmId: '9341453021657812',
  status: 'connected',
  lastAuthenticatedAt: '2026-12-02T13:02:11.291Z',
  lastSyncAt: '2026-12-02T13:02:19.785Z',
  progress: { percent: 100, phase: 'done', counts: { 'invoices applied': 12 } },
  settings: { paymentAccountId: '4', depositAccountId: '35', syncIntervalMinutes: 5 },
  lastError: null,
  health: { state: 'ok', lastAnsweredAt: '2026-12-02T13:02:19.785Z', lastContactAt: '2026-12-02T13:02:19.785Z', quietAfterMinutes: 15 },
  needsAttention: [],
};

const ACCOUNT_SCHEMA = obj({
  id: str('QuickBooks Online account Id'),
  name: str(),
  fullName: str('FullyQualifiedName'),
  type: str('AccountType, as QuickBooks Online writes it'),
  subType: nullable(str('AccountSubType')),
  isActive: bool(),
  usableFor: list(str(undefined, { enum: ['payments', 'deposits'] })),
  recommended: bool('Undeposited Funds: the recommended payment account'),
});

/** Connecting QuickBooks Online and a QBO connection's settings; reading, pausing and the logs are the shared /api/connections/:id routes. */
export const QBO_CONNECTION_API: ApiDescription = {
  'POST /api/connections/qbo': {
    operationId: 'connectQuickBooksOnline',
    summary: 'Start connecting a QuickBooks Online company',
    description:
      'Answers the address to send the browser to: Intuit asks the partner to sign in and choose a company, then returns to /qbo/callback, which creates the connection (or reconnects the existing one to that company) and goes back to the dashboard. The address works once, for 15 minutes.',
    auth: 'partner',
    response: {
      status: 201,
      schema: obj({ authorizeUrl: str("Intuit's sign-in page for this connect") }),
      example: {
        authorizeUrl:
          'https://appcenter.intuit.com/connect/oauth2?client_id=AB12&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=https%3A%2F%2Fsync.example.com%2Fqbo%2Fcallback&state=Vq3n',
      },
    },
  },
  'GET /api/connections/qbo/:id': {
    operationId: 'getQuickBooksOnlineConnection',
    summary: 'One QuickBooks Online connection, with its settings',
    auth: 'partner',
    response: { status: 200, schema: QBO_CONNECTION_SCHEMA, example: EXAMPLE },
  },
  'GET /api/connections/qbo/:id/accounts': {
    operationId: 'listQuickBooksOnlineAccounts',
    summary: "QuickBooks Online's chart of accounts, read now, for the account dropdowns",
    auth: 'partner',
    response: {
      status: 200,
      schema: list(ACCOUNT_SCHEMA),
      example: [
        {
          id: '4',
          name: 'Undeposited Funds',
          fullName: 'Undeposited Funds',
          type: 'Other Current Asset',
          subType: 'UndepositedFunds',
          isActive: true,
          usableFor: ['payments'],
          recommended: true,
        },
        {
          id: '35',
          name: 'Checking',
          fullName: 'Checking',
          type: 'Bank',
          subType: 'Checking',
          isActive: true,
          usableFor: ['payments', 'deposits'],
          recommended: false,
        },
      ],
    },
  },
  'PATCH /api/connections/qbo/:id/settings': {
    operationId: 'updateQuickBooksOnlineSettings',
    summary: 'Choose the payment and deposit accounts and the sync frequency',
    auth: 'partner',
    body: obj({ paymentAccountId: str(), depositAccountId: str(), syncIntervalMinutes: int(undefined, { minimum: 1, maximum: 1440 }) }, []),
    bodyExample: { paymentAccountId: '4', depositAccountId: '35', syncIntervalMinutes: 15 },
    response: { status: 200, schema: QBO_CONNECTION_SCHEMA, example: EXAMPLE },
  },
  'POST /api/connections/qbo/:id/sync': {
    operationId: 'syncQuickBooksOnlineNow',
    summary: 'Sync now: a sync of this connection starts within moments',
    auth: 'partner',
    response: {
      status: 202,
      schema: { ...QBO_CONNECTION_SCHEMA, properties: { ...(QBO_CONNECTION_SCHEMA.properties as object), message: str() } },
      example: { ...EXAMPLE, message: 'A sync with QuickBooks Online starts in a moment.' },
    },
  },
};
