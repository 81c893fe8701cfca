// The Webhooks module of the Integrations page: the partner's endpoints (webhook-card.js each),
// adding one (its signing secret shown once), and a Refresh that reads them and their deliveries again.
import { api, plainError } from './api-client.js';
import { copyText, el } from './page-kit.js';
import { createWebhookCard } from './webhook-card.js';

export function webhooksPanel() {
  const list = document.getElementById('webhooks-list');
  const form = document.getElementById('webhook-form');
  const error = document.getElementById('webhook-error');
  const secretBox = document.getElementById('webhook-secret');
  const types = document.getElementById('webhook-types');
  const cards = new Map();
  const names = new Map();

  /** The types a partner can pick, as the API describes them (its `x-webhooks`); none picked means every type. */
  async function loadTypes() {
    const doc = await (await fetch('/api/openapi.json')).json();
    const picks = Object.keys(doc['x-webhooks'] ?? {}).filter((t) => t !== 'webhook.test');
    types.replaceChildren(
      ...picks.map((t) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'events', value: t }), el('code', { text: t }))),
    );
  }

  const emptyHint = () => el('p', { class: 'hint', text: 'No webhook yet. Press Add endpoint to have events sent to your server.' });

  async function load() {
    const [connections, webhooks] = await Promise.all([
      api('GET', '/api/connections'),
      api('GET', '/api/webhooks'),
      types.childElementCount ? null : loadTypes(),
    ]);
    for (const c of connections) names.set(c.id, c.companyName ?? c.id);
    for (const id of [...cards.keys()]) if (!webhooks.items.some((w) => w.id === id)) removed(id);
    if (webhooks.items.length === 0) list.replaceChildren(emptyHint());
    else if (cards.size === 0) list.replaceChildren();
    for (const w of webhooks.items) {
      if (!cards.has(w.id)) cards.set(w.id, createWebhookCard(w, list, { connectionName: (id) => names.get(id) ?? id, removed }));
      cards.get(w.id).update(w);
    }
    await Promise.all([...cards.values()].map((c) => c.loadDeliveries()));
  }

  function removed(id) {
    cards.get(id)?.card.remove();
    cards.delete(id);
    if (cards.size === 0) list.replaceChildren(emptyHint());
  }

  document.getElementById('webhook-add').addEventListener('click', () => {
    form.reset();
    error.textContent = '';
    form.hidden = false;
    document.getElementById('webhook-url').focus();
  });
  form.querySelector('[data-cancel]').addEventListener('click', () => (form.hidden = true));
  document.getElementById('webhooks-refresh').addEventListener('click', () => void load().catch((e) => (error.textContent = plainError(e))));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const events = data.getAll('events');
    try {
      const created = await api('POST', '/api/webhooks', { url: data.get('url').trim(), ...(events.length ? { events } : {}) });
      form.hidden = true;
      const copy = el('button', { type: 'button', text: 'Copy secret', onclick: () => void copyText(created.secret, copy) });
      secretBox.replaceChildren(
        el('p', {}, 'Signing secret for ', el('code', { text: created.url }), '. Verify each delivery with it (Standard Webhooks). It is shown only now.'),
        el('div', { class: 'secret' }, el('code', { 'data-webhook-secret': true, text: created.secret }), copy),
      );
      secretBox.hidden = false;
      copy.focus();
      await load();
    } catch (e) {
      error.textContent = plainError(e);
    }
  });

  return {
    load: () => load().catch((e) => (error.textContent = plainError(e))),
    clear() {
      cards.clear();
      list.replaceChildren();
      secretBox.replaceChildren();
      secretBox.hidden = true;
      form.hidden = true;
    },
  };
}
