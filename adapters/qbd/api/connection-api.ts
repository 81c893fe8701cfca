import { ApiDescription, bool, dict, int, list, nullable, obj, str } from '../../../core/runtime/http/openapi/api-description';
import { NEW_INSTALL_EXAMPLE, NEW_INSTALL_SCHEMA } from './install-api';

export const CONNECTION_SCHEMA = obj({
  id: str(),
  system: str('The accounting system: qbd (QuickBooks Desktop) or qbo (QuickBooks Online, whose settings are under /api/connections/qbo/:id)'),
  companyName: str(),
  companyFilePath: str('Where the company file lives on the QuickBooks computer; empty means whatever file is open'),
  status: str('pending until the first Web Connector session, then connected, error or paused', { enum: ['pending', 'connected', 'error', 'paused'] }),
  lastAuthenticatedAt: nullable(str(undefined, { format: 'date-time' })),
  lastSyncAt: nullable(str(undefined, { format: 'date-time' })),
  progress: obj({
    percent: int("The running session's share done; it never goes back within a session", { minimum: 0, maximum: 100 }),
    phase: nullable(str('What the sync is doing: last 12 months (the size of the first window, a sync setting), history, up to date...')),
    counts: dict(int(undefined, { minimum: 1 }), 'What the running (or last) session has done so far, e.g. "invoices applied": 240'),
  }),
  settings: obj({ paymentAccountId: nullable(str()), depositAccountId: nullable(str()), syncIntervalMinutes: int(undefined, { minimum: 1, maximum: 1440 }) }),
  lastError: nullable(obj({ code: str(), message: str('What happened and what to do') })),
  health: obj({
    state: str('waiting: never synced yet; ok; stale: no sync for three intervals (quietAfterMinutes); paused', { enum: ['waiting', 'ok', 'stale', 'paused'] }),
    lastAnsweredAt: nullable(str('When QuickBooks last answered a request', { format: 'date-time' })),
    lastContactAt: nullable(str('When a sync last started or QuickBooks last answered, whichever is later', { format: 'date-time' })),
    quietAfterMinutes: int('Three sync intervals', { minimum: 3 }),
  }),
  needsAttention: list(
    obj({
      kind: str(undefined, { enum: ['stale', 'sign_in_refused', 'choose_accounts', 'error'] }),
      text: str('What is wrong'),
      advice: str('What to do'),
      at: nullable(str(undefined, { format: 'date-time' })),
    }),
  ),
  signIns: obj({
    refused: int("Wrong passwords given for this connection's Web Connector users, all installs together", { minimum: 0 }),
    lastRefusedAt: nullable(str(undefined, { format: 'date-time' })),
    lastRefusedFrom: nullable(str('The network address the last refused sign-in came from')),
    lastSignedInAt: nullable(str(undefined, { format: 'date-time' })),
    lastRefused: bool('The last sign-in attempt was refused (none has succeeded since)'),
  }),
});

/** A connection after its first sync, as the examples of the reference show it. */
const CONNECTION_EXAMPLE = {
  id: '4ac24253-2960-435b-97eb-48804c622d9a',
  system: 'qbd',
  companyName: 'Café Ñandú & Sons',
  companyFilePath: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Cafe Nandu.QBW',
  status: 'connected',
  lastAuthenticatedAt: '2026-11-25T15:02:11.291Z',
  lastSyncAt: '2026-11-25T15:02:14.785Z',
  progress: { percent: 100, phase: 'done', counts: { accounts: 42, 'customers applied': 3, 'invoices applied': 12 } },
  settings: { paymentAccountId: '80000002-1764659347', depositAccountId: '80000003-1764659347', syncIntervalMinutes: 15 },
  lastError: null,
  health: { state: 'ok', lastAnsweredAt: '2026-11-25T15:02:14.785Z', lastContactAt: '2026-11-25T15:02:14.785Z', quietAfterMinutes: 45 },
  needsAttention: [],
  signIns: {
    refused: 1,
    lastRefusedAt: '2026-11-24T18:30:45.020Z',
    lastRefusedFrom: '203.0.113.24',
    lastSignedInAt: '2026-11-25T15:02:11.279Z',
    lastRefused: false,
  },
};

const NEW_CONNECTION_EXAMPLE = {
  ...CONNECTION_EXAMPLE,
  status: 'pending',
  lastAuthenticatedAt: null,
  lastSyncAt: null,
  progress: { percent: 0, phase: 'waiting', counts: {} },
  settings: { paymentAccountId: null, depositAccountId: null, syncIntervalMinutes: 5 },
  health: { state: 'waiting', lastAnsweredAt: null, lastContactAt: null, quietAfterMinutes: 15 },
  signIns: { refused: 0, lastRefusedAt: null, lastRefusedFrom: null, lastSignedInAt: null, lastRefused: false },
  install: NEW_INSTALL_EXAMPLE,
};

const ACCOUNT_SCHEMA = obj({
  id: str('QuickBooks ListID'),
  name: str(),
  fullName: str(),
  type: str('QuickBooks AccountType'),
  specialType: nullable(str()),
  isActive: bool(),
  usableFor: list(str('What it may be chosen for', { enum: ['payments', 'deposits'] })),
  recommended: bool('Undeposited Funds: the recommended payment account'),
});

/** The connect flow and a connection's settings. */
export const CONNECTION_API: ApiDescription = {
  'POST /api/connections': {
    operationId: 'createConnection',
    summary: 'Connect a QuickBooks Desktop company',
    description: 'Creates the connection and its first install: the answer holds the QWC link and the password, shown only here.',
    auth: 'partner',
    body: obj({ companyName: str(undefined, { maxLength: 200 }), companyFilePath: str(undefined, { maxLength: 500 }) }, ['companyName']),
    bodyExample: { companyName: CONNECTION_EXAMPLE.companyName, companyFilePath: CONNECTION_EXAMPLE.companyFilePath },
    response: {
      status: 201,
      schema: { ...CONNECTION_SCHEMA, properties: { ...(CONNECTION_SCHEMA.properties as object), install: NEW_INSTALL_SCHEMA } },
      example: NEW_CONNECTION_EXAMPLE,
    },
  },
  'GET /api/connections': {
    operationId: 'listConnections',
    summary: "The partner's connections",
    auth: 'partner',
    response: { status: 200, schema: list(CONNECTION_SCHEMA), example: [CONNECTION_EXAMPLE] },
  },
  'GET /api/connections/:id': {
    operationId: 'getConnection',
    summary: 'One connection: status, progress, settings, last error',
    auth: 'partner',
    response: { status: 200, schema: CONNECTION_SCHEMA, example: CONNECTION_EXAMPLE },
  },
  'GET /api/connections/:id/accounts': {
    operationId: 'listAccounts',
    summary: "QuickBooks' chart of accounts, for the account dropdowns",
    auth: 'partner',
    response: {
      status: 200,
      schema: list(ACCOUNT_SCHEMA),
      example: [
        {
          id: '80000002-1764659347',
          name: 'Undeposited Funds',
          fullName: 'Undeposited Funds',
          type: 'OtherCurrentAsset',
          specialType: 'UndepositedFunds',
          isActive: true,
          usableFor: ['payments'],
          recommended: true,
        },
        {
          id: '80000003-1764659347',
          name: 'Checking',
          fullName: 'Checking',
          type: 'Bank',
          specialType: null,
          isActive: true,
          usableFor: ['payments', 'deposits'],
          recommended: false,
        },
        {
          id: '80000001-1764659347',
          name: 'Accounts Receivable',
          fullName: 'Accounts Receivable',
          type: 'AccountsReceivable',
          specialType: 'AccountsReceivable',
          isActive: true,
          usableFor: [],
          recommended: false,
        },
      ],
    },
  },
  'PATCH /api/connections/:id/settings': {
    operationId: 'updateConnectionSettings',
    summary: 'Choose the payment and deposit accounts and the sync frequency',
    description:
      'Accounts must be active QuickBooks accounts of a type that can take the money; a notice may explain a choice (e.g. payments straight to a bank need no deposits).',
    auth: 'partner',
    body: obj({ paymentAccountId: str(), depositAccountId: str(), syncIntervalMinutes: int(undefined, { minimum: 1, maximum: 1440 }) }, []),
    bodyExample: { paymentAccountId: '80000002-1764659347', depositAccountId: '80000003-1764659347', syncIntervalMinutes: 15 },
    response: {
      status: 200,
      schema: { ...CONNECTION_SCHEMA, properties: { ...(CONNECTION_SCHEMA.properties as object), notice: str() } },
      example: CONNECTION_EXAMPLE,
    },
  },
  'POST /api/connections/:id/pause': {
    operationId: 'pauseConnection',
    summary: 'Pause syncing: the Web Connector is told there is nothing to do until resumed',
    description: 'A session already under way finishes; payments and payouts recorded meanwhile wait in the outbox.',
    auth: 'partner',
    response: {
      status: 200,
      schema: CONNECTION_SCHEMA,
      example: { ...CONNECTION_EXAMPLE, status: 'paused', health: { ...CONNECTION_EXAMPLE.health, state: 'paused' } },
    },
  },
  'POST /api/connections/:id/resume': {
    operationId: 'resumeConnection',
    summary: 'Resume syncing at the next Web Connector poll',
    auth: 'partner',
    response: { status: 200, schema: CONNECTION_SCHEMA, example: CONNECTION_EXAMPLE },
  },
  'POST /api/connections/:id/sync': {
    operationId: 'requestSync',
    summary: 'Sync now: a full sync at the next Web Connector poll',
    auth: 'partner',
    response: {
      status: 202,
      schema: { ...CONNECTION_SCHEMA, properties: { ...(CONNECTION_SCHEMA.properties as object), message: str() } },
      example: {
        ...CONNECTION_EXAMPLE,
        message: 'A full sync starts at the next Web Connector poll (within 15 minutes), or at once if you press Update Selected in the Web Connector.',
      },
    },
  },
};
