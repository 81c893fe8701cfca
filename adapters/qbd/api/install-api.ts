import { ApiDescription, list, nullable, obj, str } from '../../../core/runtime/http/openapi/api-description';

const at = (description?: string) => nullable(str(description, { format: 'date-time' }));

/** An install with its secrets, in the one answer that makes them. */
export const NEW_INSTALL_SCHEMA = obj({
  id: str(),
  username: str('The Web Connector user name of this install'),
  password: str('Shown only in this answer: paste it into the Web Connector'),
  qwcUrl: str('Download link of this install\'s QWC file (needs no API key); shown only in this answer'),
});

const INSTALL_SCHEMA = obj({
  id: str(),
  username: str('The Web Connector user name of this install'),
  createdAt: str(undefined, { format: 'date-time' }),
  revokedAt: at('When it was revoked; null while it works'),
  passwordChangedAt: at('When it last got a new password (and link); null if never'),
  lastSignInAt: at('When its Web Connector last signed in with the right password; null if never'),
});

/** A connection's installs: one Web Connector on one computer each, which the partner can add, revoke and renew. */
export const INSTALL_API: ApiDescription = {
  'POST /api/connections/:id/installs': { summary: 'Add another computer', description: 'A further Web Connector install for the same company, with its own user, password and QWC file.', auth: 'partner', response: { status: 201, schema: NEW_INSTALL_SCHEMA } },
  'GET /api/connections/:id/installs': {
    summary: "The connection's installs (computers), revoked ones included",
    description: 'Never a password or a QWC link: only their hashes are kept. Give an install a new password to get a new link.',
    auth: 'partner',
    response: { status: 200, schema: list(INSTALL_SCHEMA) },
  },
  'DELETE /api/connections/:id/installs/:installId': {
    summary: 'Revoke an install',
    description: 'Its user name can no longer sign in, its QWC link stops working and a session it holds ends at once. Revoking the last one is allowed: add another computer after. Revoking again changes nothing.',
    auth: 'partner',
    response: { status: 200, schema: INSTALL_SCHEMA },
  },
  'POST /api/connections/:id/installs/:installId/password': {
    summary: 'Give an install a new password and QWC link',
    description: 'Same user name; the old password and link stop working at once and its session ends. The new ones are shown only in this answer. A revoked install cannot be renewed (409).',
    auth: 'partner',
    response: { status: 201, schema: NEW_INSTALL_SCHEMA },
  },
};
