// The QuickBooks Online module of the Integrations page: "Add QuickBooks Online company" sends the
// browser to Intuit's sign-in (the simulator's, when the service simulates QBO), which comes back
// to /qbo/callback and then here with ?qbo=<outcome>; each QBO connection gets a card (card-qbo.js).
import { el } from './page-kit.js';
import { createQboCard } from './card-qbo.js';
import { startQboConnect } from './card-qbo-connect.js';

/** What the callback's outcome means, in the partner's words. */
const OUTCOMES = {
  connected: 'QuickBooks Online is connected. The first sync is starting; choose where payments and payouts go once the accounts appear.',
  reconnected: 'QuickBooks Online is connected again. Syncing continues.',
  denied: 'QuickBooks Online was not connected: access was not allowed on the Intuit page. Press the button again to retry.',
  expired: 'That sign-in to QuickBooks Online had expired or was already used. Press the button again to start over.',
  failed: 'QuickBooks Online could not be connected just now. Try again in a minute; if it keeps failing, contact support.',
};

export function qboModule() {
  const container = document.getElementById('qbo-connections');
  const outcome = document.getElementById('qbo-outcome');
  const cards = new Map();
  const showError = (text) => {
    outcome.textContent = text;
    outcome.className = 'notice error';
  };

  document.getElementById('qbo-connect').addEventListener('click', () => void startQboConnect(showError));

  // Back from Intuit: say how it went once, and take the outcome out of the address (a reload must not say it again).
  const params = new URLSearchParams(window.location.search);
  const said = OUTCOMES[params.get('qbo')];
  if (said) {
    outcome.textContent = said;
    outcome.className = `notice ${['connected', 'reconnected'].includes(params.get('qbo')) ? 'done' : 'error'}`;
    window.history.replaceState(null, '', window.location.pathname);
  }

  function render(connections) {
    if (connections.length === 0 && cards.size === 0) {
      container.replaceChildren(
        el('p', { class: 'hint', text: 'No QuickBooks Online company yet. Press Add QuickBooks Online company and sign in to Intuit.' }),
      );
      return;
    }
    for (const c of connections) {
      if (!cards.has(c.id)) {
        if (cards.size === 0) container.replaceChildren();
        cards.set(c.id, createQboCard(c, container));
      }
      cards.get(c.id).update(c);
    }
  }

  return {
    owns: (c) => c.system === 'qbo',
    render,
    clear() {
      cards.clear();
      container.replaceChildren();
    },
  };
}
