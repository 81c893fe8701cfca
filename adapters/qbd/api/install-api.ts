import { ApiDescription, list, nullable, obj, str } from '../../../core/runtime/http/openapi/api-description';

const at = (description?: string) => nullable(str(description, { format: 'date-time' }));

/** An install with its secrets, in the one answer that makes them. */
export const NEW_INSTALL_SCHEMA = obj({
  id: str(),
  username: str('The Web Connector user name of this install'),
  password: str('Shown only in this answer: paste it into the Web Connector'),
  qwcUrl: str("Download link of this install's QWC file (needs no API key); shown only in this answer"),
});

/** An install as POST /api/connections and the install routes answer it: its secrets, once. */
export const NEW_INSTALL_EXAMPLE = {
  id: '05d7ea00-215e-4e01-adf9-58db74efaf79',
  username: 'alt-649bb3000b5a',
  password: 'FANRZTTJzRiarrWpsYPiJ8pp',
  qwcUrl: 'https://sync.example.com/qwc/064a05418f7301f7298ef74c4a5a35d8d62d330f2b40c683',
};

const INSTALL_SCHEMA = obj({
  id: str(),
  username: str('The Web Connector user name of this install'),
  createdAt: str(undefined, { format: 'date-time' }),
  revokedAt: at('When it was revoked; null while it works'),
  passwordChangedAt: at('When it last got a new password (and link); null if never'),
  lastSignInAt: at('When its Web Connector last signed in with the right password; null if never'),
});

const INSTALL_EXAMPLE = {
  id: '05d7ea00-215e-4e01-adf9-58db74efaf79',
  username: 'alt-649bb3000b5a',
  createdAt: '2026-11-20T09:14:02.170Z',
  revokedAt: null,
  passwordChangedAt: null,
  lastSignInAt: '2026-11-25T15:02:11.279Z',
};
const REVOKED_INSTALL_EXAMPLE = {
  ...INSTALL_EXAMPLE,
  id: '81f3641a-3664-4d76-a2c5-b04204d291f3',
  username: 'alt-f72ef5a67c05',
  revokedAt: '2026-11-25T16:40:00.512Z',
  lastSignInAt: null,
};

/** A connection's installs: one Web Connector on one computer each, which the partner can add, revoke and renew. */
export const INSTALL_API: ApiDescription = {
  'POST /api/connections/:id/installs': {
    operationId: 'createInstall',
    summary: 'Add another computer',
    description: 'A further Web Connector install for the same company, with its own user, password and QWC file.',
    auth: 'partner',
    response: {
      status: 201,
      schema: NEW_INSTALL_SCHEMA,
      example: {
        ...NEW_INSTALL_EXAMPLE,
        id: '81f3641a-3664-4d76-a2c5-b04204d291f3',
        username: 'alt-f72ef5a67c05',
        password: 'THh66Y99U4BXVu6feNmr5oPt',
        qwcUrl: 'https://sync.example.com/qwc/09392e2d2578ef9c1becf5a55666ec465b327f1abce28450',
      },
    },
  },
  'GET /api/connections/:id/installs': {
    operationId: 'listInstalls',
    summary: "The connection's installs (computers), revoked ones included",
    description: 'Never a password or a QWC link: only their hashes are kept. Give an install a new password to get a new link.',
    auth: 'partner',
    response: { status: 200, schema: list(INSTALL_SCHEMA), example: [INSTALL_EXAMPLE, REVOKED_INSTALL_EXAMPLE] },
  },
  'DELETE /api/connections/:id/installs/:installId': {
    operationId: 'revokeInstall',
    summary: 'Revoke an install',
    description:
      'Its user name can no longer sign in, its QWC link stops working and a session it holds ends at once. Revoking the last one is allowed: add another computer after. Revoking again changes nothing.',
    auth: 'partner',
    response: { status: 200, schema: INSTALL_SCHEMA, example: REVOKED_INSTALL_EXAMPLE },
  },
  'POST /api/connections/:id/installs/:installId/password': {
    operationId: 'renewInstallPassword',
    summary: 'Give an install a new password and QWC link',
    description:
      'Same user name; the old password and link stop working at once and its session ends. The new ones are shown only in this answer. A revoked install cannot be renewed (409).',
    auth: 'partner',
    response: {
      status: 201,
      schema: NEW_INSTALL_SCHEMA,
      example: {
        ...NEW_INSTALL_EXAMPLE,
        password: 'q7VbN2xKcR4mTz8WpLs3HdYe',
        qwcUrl: 'https://sync.example.com/qwc/5be1c0d97a3f46e2b8d0c4a19f6e72d3a85b0c1e4f7d9a26',
      },
    },
  },
};
