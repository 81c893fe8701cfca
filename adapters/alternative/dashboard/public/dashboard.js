// The Integrations page: plain DOM, no framework and no build step. Everything it shows comes
// from the partner API with the key typed in at sign-in (kept in sessionStorage only).
import { ApiError, api, plainError, session } from './api-client.js';
import { copyText, el, phaseText, progressValue } from './page-kit.js';
import { createCard } from './connection-card.js';
import { qboModule } from './card-qbo-module.js';
import { webhooksPanel } from './webhooks-panel.js';

const KEY_STORE = 'partnerApiKey';
const POLL_MS = 2500;

const page = {
  signIn: document.getElementById('sign-in'),
  signInForm: document.getElementById('sign-in-form'),
  signInError: document.getElementById('sign-in-error'),
  signOut: document.getElementById('sign-out'),
  integrations: document.getElementById('integrations'),
  connections: document.getElementById('connections'),
  connect: document.getElementById('connect'),
  dialog: document.getElementById('connect-dialog'),
  connectForm: document.getElementById('connect-form'),
  connectError: document.getElementById('connect-error'),
  connectSteps: document.getElementById('connect-steps'),
  connectStatus: document.getElementById('connect-status'),
  connectProgress: document.getElementById('connect-progress'),
  connectNext: document.getElementById('connect-next'),
  companyFile: document.getElementById('company-file'),
  companyFileHint: document.getElementById('company-file-hint'),
};

const state = { cards: new Map(), watching: null, timer: null };
// QuickBooks Online's module: its connections are drawn there, the rest here.
const qbo = qboModule();
const webhooks = webhooksPanel();
session.key = sessionStorage.getItem(KEY_STORE);

// ---- sign-in ---------------------------------------------------------------------------

function showSignIn(message = '') {
  stopPolling();
  session.key = null;
  sessionStorage.removeItem(KEY_STORE);
  state.cards.clear();
  page.connections.replaceChildren();
  qbo.clear();
  webhooks.clear();
  page.integrations.hidden = true;
  page.signOut.hidden = true;
  page.signIn.hidden = false;
  page.signInError.textContent = message;
  document.getElementById('api-key').focus();
}

async function showIntegrations() {
  const connections = await api('GET', '/api/connections');
  page.signIn.hidden = true;
  page.integrations.hidden = false;
  page.signOut.hidden = false;
  renderConnections(connections);
  void webhooks.load();
  startPolling();
}

page.signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  session.key = new FormData(page.signInForm).get('apiKey').trim();
  try {
    await showIntegrations();
    sessionStorage.setItem(KEY_STORE, session.key);
    page.signInForm.reset();
    // The form that had the focus is gone: a screen reader hears where the partner now is, and Tab goes on from there.
    document.getElementById('integrations-title').focus();
  } catch (error) {
    showSignIn(error instanceof ApiError && error.status === 401 ? 'That API key was not accepted. Check it and try again.' : plainError(error));
  }
});

page.signOut.addEventListener('click', () => showSignIn());

// ---- connections -----------------------------------------------------------------------

function renderConnections(all) {
  const connections = all.filter((c) => !qbo.owns(c));
  qbo.render(all.filter((c) => qbo.owns(c)));
  if (connections.length === 0 && state.cards.size === 0) {
    page.connections.replaceChildren(el('p', { class: 'hint', text: 'No company is connected yet. Press Connect to link a QuickBooks Desktop company file.' }));
    return;
  }
  for (const c of connections) {
    if (!state.cards.has(c.id)) {
      if (state.cards.size === 0) page.connections.replaceChildren();
      state.cards.set(c.id, createCard(c, page.connections));
    }
    state.cards.get(c.id).update(c);
  }
}

// ---- polling ---------------------------------------------------------------------------

async function poll() {
  try {
    const connections = await api('GET', '/api/connections');
    renderConnections(connections);
    if (state.watching) watchConnect(connections.find((c) => c.id === state.watching));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) showSignIn('Your API key is no longer accepted. Sign in again.');
  }
}

function startPolling() {
  stopPolling();
  state.timer = setInterval(() => void poll(), POLL_MS);
}

function stopPolling() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

// ---- the connect dialog ----------------------------------------------------------------

page.connect.addEventListener('click', () => {
  page.connectForm.reset();
  page.connectForm.hidden = false;
  page.connectSteps.hidden = true;
  page.connectError.textContent = '';
  page.companyFileHint.textContent = '';
  page.dialog.showModal();
  document.getElementById('company-name').focus();
});

page.dialog.addEventListener('click', (event) => {
  if (event.target instanceof HTMLElement && event.target.hasAttribute('data-close')) page.dialog.close();
});
page.dialog.addEventListener('close', () => {
  state.watching = null;
});

page.connectForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(page.connectForm);
  try {
    const created = await api('POST', '/api/connections', { companyName: form.get('companyName').trim(), companyFilePath: form.get('companyFilePath').trim() });
    document.getElementById('qwc-link').href = created.install.qwcUrl;
    // The same name the link's own answer gives (Content-Disposition wins in most browsers anyway).
    document.getElementById('qwc-link').setAttribute('download', `alternative-${created.install.username}.qwc`);
    document.getElementById('install-password').textContent = created.install.password;
    document.getElementById('install-username').textContent = created.install.username;
    page.connectStatus.textContent = 'Waiting for the Web Connector to sign in…';
    page.connectStatus.className = 'watch';
    page.connectProgress.hidden = true;
    page.connectNext.hidden = true;
    page.connectForm.hidden = true;
    page.connectSteps.hidden = false;
    state.watching = created.id;
    renderConnections([created]);
    document.getElementById('qwc-link').focus();
  } catch (error) {
    page.connectError.textContent = plainError(error);
  }
});

document.getElementById('copy-password').addEventListener('click', (event) => {
  void copyText(document.getElementById('install-password').textContent, event.currentTarget);
});

/**
 * Follows the new connection: a refused sign-in said as such, Authentication Complete! once its
 * first session signs in, the first sync by phase, then the next step (choose the accounts).
 */
function watchConnect(c) {
  if (!c) return;
  const status = page.connectStatus;
  if (!c.lastAuthenticatedAt) {
    if (c.signIns?.lastRefused) {
      status.textContent =
        "The Web Connector's sign-in was refused: the password was wrong. In the Web Connector, paste the password shown above into this app's Password field, then press Update Selected again.";
      status.className = 'watch refused';
    }
    return;
  }
  status.textContent = 'Authentication Complete!';
  status.className = 'watch done';
  page.connectProgress.hidden = false;
  page.connectProgress.querySelector('progress').value = progressValue(c);
  page.connectProgress.querySelector('.phase').textContent = phaseText(c);
  page.connectNext.hidden = !c.lastSyncAt;
}

page.connectNext.querySelector('button').addEventListener('click', () => {
  const watched = state.watching;
  page.dialog.close();
  void state.cards.get(watched)?.focusPayment();
});

// A hint, never a refusal: QuickBooks company files end in .QBW (a path to a folder or a backup is a common slip).
page.companyFile.addEventListener('input', () => {
  const path = page.companyFile.value.trim();
  page.companyFileHint.textContent =
    path && !/\.qbw$/i.test(path)
      ? 'QuickBooks company files end in .QBW. Check the path in QuickBooks (F2, "File Information"); you can continue anyway.'
      : '';
});

// ---- start -----------------------------------------------------------------------------

if (session.key) {
  showIntegrations().catch(() => showSignIn('Sign in again.'));
} else {
  showSignIn();
}
