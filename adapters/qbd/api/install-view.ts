import type { InstallListRow, NewInstall } from '../store/install-store';

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

/** The QWC link of an install: the only place its token is ever shown. */
export const qwcUrlOf = (publicUrl: string, qwcToken: string) => `${publicUrl}/qwc/${qwcToken}`;

/** An install just made or renewed: the password and the link, shown in this answer only. */
export function newInstallView(install: Pick<NewInstall, 'id' | 'username' | 'password' | 'qwcToken'>, publicUrl: string) {
  return { id: install.id, username: install.username, password: install.password, qwcUrl: qwcUrlOf(publicUrl, install.qwcToken) };
}

/** An install as listed: never a password or a link, which cannot be shown again (only their hashes are kept). */
export function installView(row: InstallListRow) {
  // Raw SQL rows may carry timestamps as text, depending on the driver's type parsing.
  return {
    id: row.id,
    username: row.username,
    createdAt: iso(row.created_at)!,
    revokedAt: iso(row.revoked_at),
    passwordChangedAt: iso(row.password_changed_at),
    lastSignInAt: iso(row.last_sign_in_at),
  };
}
