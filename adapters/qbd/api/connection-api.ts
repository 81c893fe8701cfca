import { ApiDescription, bool, int, list, nullable, obj, str } from '../../../core/runtime/http/openapi/api-description';
import { NEW_INSTALL_SCHEMA } from './install-api';

export const CONNECTION_SCHEMA = obj({
  id: str(),
  companyName: str(),
  companyFilePath: str('Where the company file lives on the QuickBooks computer; empty means whatever file is open'),
  status: str('pending until the first Web Connector session, then connected, error or paused', { enum: ['pending', 'connected', 'error', 'paused'] }),
  lastAuthenticatedAt: nullable(str(undefined, { format: 'date-time' })),
  lastSyncAt: nullable(str(undefined, { format: 'date-time' })),
  progress: obj({
    percent: int('The running session\'s share done; it never goes back within a session', { minimum: 0, maximum: 100 }),
    phase: nullable(str('What the sync is doing: last 12 months, history, up to date...')),
    counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'What the running (or last) session has done so far, e.g. "invoices applied": 240' },
  }),
  settings: obj({ paymentAccountId: nullable(str()), depositAccountId: nullable(str()), syncIntervalMinutes: int(undefined, { minimum: 1, maximum: 1440 }) }),
  lastError: nullable(obj({ code: str(), message: str('What happened and what to do') })),
  health: obj({
    state: str('waiting: never synced yet; ok; stale: no sync for three intervals (quietAfterMinutes); paused', { enum: ['waiting', 'ok', 'stale', 'paused'] }),
    lastAnsweredAt: nullable(str('When QuickBooks last answered a request', { format: 'date-time' })),
    lastContactAt: nullable(str('When a sync last started or QuickBooks last answered, whichever is later', { format: 'date-time' })),
    quietAfterMinutes: int('Three sync intervals', { minimum: 3 }),
  }),
  needsAttention: list(obj({
    kind: str(undefined, { enum: ['stale', 'sign_in_refused', 'choose_accounts', 'error'] }), text: str('What is wrong'), advice: str('What to do'), at: nullable(str(undefined, { format: 'date-time' })),
  })),
  signIns: obj({
    refused: int('Wrong passwords given for this connection\'s Web Connector users, all installs together', { minimum: 0 }),
    lastRefusedAt: nullable(str(undefined, { format: 'date-time' })),
    lastRefusedFrom: nullable(str('The network address the last refused sign-in came from')),
    lastSignedInAt: nullable(str(undefined, { format: 'date-time' })),
    lastRefused: bool('The last sign-in attempt was refused (none has succeeded since)'),
  }),
});

const ACCOUNT_SCHEMA = obj({ id: str('QuickBooks ListID'), name: str(), fullName: str(), type: str('QuickBooks AccountType'), specialType: nullable(str()), isActive: bool(),
  usableFor: list(str('What it may be chosen for', { enum: ['payments', 'deposits'] })), recommended: bool('Undeposited Funds: the recommended payment account') });

/** The connect flow and a connection's settings. */
export const CONNECTION_API: ApiDescription = {
  'POST /api/connections': {
    summary: 'Connect a QuickBooks Desktop company',
    description: 'Creates the connection and its first install: the answer holds the QWC link and the password, shown only here.',
    auth: 'partner',
    body: obj({ companyName: str(undefined, { maxLength: 200 }), companyFilePath: str(undefined, { maxLength: 500 }) }, ['companyName']),
    response: { status: 201, schema: { ...CONNECTION_SCHEMA, properties: { ...(CONNECTION_SCHEMA.properties as object), install: NEW_INSTALL_SCHEMA } } },
  },
  'GET /api/connections': { summary: "The partner's connections", auth: 'partner', response: { status: 200, schema: list(CONNECTION_SCHEMA) } },
  'GET /api/connections/:id': { summary: 'One connection: status, progress, settings, last error', auth: 'partner', response: { status: 200, schema: CONNECTION_SCHEMA } },
  'GET /api/connections/:id/accounts': { summary: "QuickBooks' chart of accounts, for the account dropdowns", auth: 'partner', response: { status: 200, schema: list(ACCOUNT_SCHEMA) } },
  'PATCH /api/connections/:id/settings': {
    summary: 'Choose the payment and deposit accounts and the sync frequency',
    description: 'Accounts must be active QuickBooks accounts of a type that can take the money; a notice may explain a choice (e.g. payments straight to a bank need no deposits).',
    auth: 'partner',
    body: obj({ paymentAccountId: str(), depositAccountId: str(), syncIntervalMinutes: int(undefined, { minimum: 1, maximum: 1440 }) }, []),
    response: { status: 200, schema: { ...CONNECTION_SCHEMA, properties: { ...(CONNECTION_SCHEMA.properties as object), notice: str() } } },
  },
  'POST /api/connections/:id/sync': { summary: 'Sync now: a full sync at the next Web Connector poll', auth: 'partner', response: { status: 202, schema: { ...CONNECTION_SCHEMA, properties: { ...(CONNECTION_SCHEMA.properties as object), message: str() } } } },
};
