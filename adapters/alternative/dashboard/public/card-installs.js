// A connection card's computers (Web Connector installs): adding one, a new password, revoking.
import { api } from './api-client.js';
import { copyText, el, when } from './page-kit.js';

/**
 * The installs table and the install box of a card. `load` redraws the table; `anotherComputer`
 * adds an install and shows its QWC link and password once.
 */
export function cardInstalls(connectionId, parts, showError) {
  // Rows are kept by install and updated in place, so a refresh (a sign-in seen by the poll)
  // never throws away a question the partner is answering ("Yes, revoke").
  const installRows = new Map();

  async function load() {
    try {
      const installs = await api('GET', `/api/connections/${connectionId}/installs`);
      for (const install of installs) {
        const row = installRows.get(install.id) ?? installRow(install);
        installRows.set(install.id, row);
        row.update(install);
      }
      parts.installs.replaceChildren(...installs.map((i) => installRows.get(i.id).row));
    } catch (error) {
      showError(error);
    }
  }

  async function anotherComputer() {
    try {
      const install = await api('POST', `/api/connections/${connectionId}/installs`);
      const copy = el('button', { type: 'button', text: 'Copy password' });
      copy.addEventListener('click', () => void copyText(install.password, copy));
      parts.install.replaceChildren(
        el('p', { text: 'On the other computer, add this QWC file to the Web Connector, then paste the password when asked. The password is shown only now.' }),
        el('p', {}, el('a', { href: install.qwcUrl, download: `alternative-${install.username}.qwc`, class: 'button', text: 'Download its QWC file' })),
        el('p', {}, 'Link: ', el('code', { text: install.qwcUrl })),
        el('p', {}, 'User name: ', el('code', { text: install.username })),
        el('div', { class: 'secret' }, 'Password: ', el('code', { 'data-install-password': true, text: install.password }), copy),
      );
      parts.install.hidden = false;
      void load();
    } catch (error) {
      showError(error);
    }
  }

  /** One computer: who it signs in as, when, and (while it works) New password and Revoke, the latter asked twice. */
  function installRow(install) {
    const cells = { added: el('td'), signedIn: el('td'), status: el('td') };
    const actions = el('div', { class: 'row-actions' });
    const row = el(
      'tr',
      { 'data-install': install.id },
      el('td', {}, el('code', { text: install.username })),
      cells.added,
      cells.signedIn,
      cells.status,
      el('td', {}, actions),
    );
    const showButtons = () => {
      actions.replaceChildren(
        el('button', { type: 'button', text: 'New password', 'aria-label': `New password for ${install.username}`, onclick: () => void newPassword(install) }),
        el('button', { type: 'button', text: 'Revoke', 'aria-label': `Revoke ${install.username}`, onclick: () => askToRevoke() }),
      );
    };
    const askToRevoke = () => {
      const yes = el('button', { type: 'button', class: 'danger', text: 'Yes, revoke', onclick: () => void revoke(install) });
      actions.replaceChildren(
        el('span', { text: 'Its Web Connector stops at once.' }),
        yes,
        el('button', { type: 'button', text: 'Cancel', onclick: () => showButtons() }),
      );
      yes.focus();
    };
    showButtons();
    return {
      row,
      update(next) {
        cells.added.textContent = when(next.createdAt);
        cells.signedIn.textContent = when(next.lastSignInAt);
        cells.status.textContent = next.revokedAt ? `Revoked ${when(next.revokedAt)}` : 'Active';
        if (next.revokedAt) actions.replaceChildren();
      },
    };
  }

  async function revoke(install) {
    try {
      await api('DELETE', `/api/connections/${connectionId}/installs/${install.id}`);
      parts.notice.textContent = `${install.username} is revoked: its Web Connector can no longer sign in, and its QWC link no longer works.`;
    } catch (error) {
      showError(error);
    }
    await load();
  }

  async function newPassword(install) {
    try {
      const renewed = await api('POST', `/api/connections/${connectionId}/installs/${install.id}/password`);
      const copy = el('button', { type: 'button', text: 'Copy password' });
      copy.addEventListener('click', () => void copyText(renewed.password, copy));
      parts.install.replaceChildren(
        el(
          'p',
          {},
          'New password for ',
          el('code', { text: renewed.username }),
          '. The old one no longer works: in the Web Connector, enter this one for the app. It is shown only now.',
        ),
        el('div', { class: 'secret' }, 'Password: ', el('code', { 'data-new-password': true, text: renewed.password }), copy),
        el(
          'p',
          {},
          'Its QWC file has not changed. Should you need it again, the old link no longer works; this is the new one: ',
          el('a', { href: renewed.qwcUrl, download: `alternative-${renewed.username}.qwc`, text: 'Download its QWC file' }),
        ),
      );
      parts.install.hidden = false;
      parts.notice.textContent = '';
      copy.focus();
    } catch (error) {
      showError(error);
    }
    await load();
  }

  return { load, anotherComputer };
}
