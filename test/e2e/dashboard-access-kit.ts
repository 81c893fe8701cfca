import { expect } from 'chai';
import type { Page } from 'playwright-core';

export const COMPANY_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme.QBW';

/**
 * An element as the functions evaluated in the browser see it: this project compiles without the
 * DOM's types, so those functions are strings or take their element untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InPage = any;

/** The focused element: its name (label, aria-label or text) and the outline and shadow it is drawn with. */
interface Focused {
  tag: string;
  name: string;
  outline: string;
  boxShadow: string;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical findings of axe-core on the page as it is now, one line each. */
export async function axeFindings(on: Page): Promise<string[]> {
  if (!(await on.evaluate<boolean>('typeof window.axe === "object"'))) await on.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await on.evaluate<AxeViolation[]>('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)');
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Moving the focus by keyboard on the page `current()` gives, each stop checked to be visibly focused. */
export function keyboardFocus(current: () => Page) {
  function focused(): Promise<Focused> {
    return current().evaluate<Focused>(`(() => {
      const a = document.activeElement;
      const style = getComputedStyle(a);
      const labelled = a.labels && a.labels.length ? a.labels[0].textContent : '';
      return { tag: a.tagName.toLowerCase(), name: (a.getAttribute('aria-label') || labelled || a.textContent || '').trim(), outline: style.outlineStyle, boxShadow: style.boxShadow };
    })()`);
  }

  /** Presses a key and expects the focus to land, visibly, on the element named `name`. */
  async function press(key: string, name: string | RegExp): Promise<void> {
    await current().keyboard.press(key);
    await expectFocusOn(name);
  }

  async function expectFocusOn(name: string | RegExp): Promise<void> {
    const now = await focused();
    if (typeof name === 'string') expect(now.name, `focus after the key (${now.tag})`).to.equal(name);
    else expect(now.name, `focus after the key (${now.tag})`).to.match(name);
    expectVisible(now);
  }

  function expectVisible(now: Focused): void {
    expect(now.outline !== 'none' || now.boxShadow !== 'none', `a visible focus on ${now.tag} "${now.name}"`).to.equal(true);
  }

  /** Tabs forward until `name` has the focus, every stop on the way visibly focused. */
  async function tabTo(name: string, most = 15): Promise<void> {
    for (let i = 0; i < most; i += 1) {
      await current().keyboard.press('Tab');
      const now = await focused();
      expectVisible(now);
      if (now.name === name) return;
    }
    expect.fail(`${name} not reached in ${most} presses of Tab`);
  }

  return { press, expectFocusOn, tabTo };
}

/** The card of the company the tests connect. */
export const connection = (on: Page) => on.getByRole('region', { name: 'Acme Books' });

/** Waits until the connected company shows everything its first sync brought. */
export async function companyShown(on: Page): Promise<void> {
  const card = connection(on);
  await card.getByRole('region', { name: 'Invoices' }).getByRole('row').nth(1).waitFor();
  await card.getByRole('region', { name: 'Sync log' }).getByRole('row').nth(1).waitFor();
  await card.getByRole('region', { name: 'Computers' }).getByRole('row').nth(1).waitFor();
  await card.getByLabel('Payment account').locator('option', { hasText: '(recommended)' }).waitFor({ state: 'attached' });
}
