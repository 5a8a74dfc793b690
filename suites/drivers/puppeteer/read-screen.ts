/**
 * Reading a build's screen in the page, by the testID contract only (`models/testids.ts`): the
 * element whose `data-testid` is a screen ID is the screen; inside it, every element whose
 * `data-testid` is a control ID gives a value, as the sims' snapshot does:
 *   - text of the element (buttons, links, values); 'disabled' for a disabled control;
 *   - inputs: what was typed; a password (PIN) field one '•' per character typed;
 *   - checkboxes: 'checked' | 'unchecked'; a file chooser: its label's text; an image: its `src`;
 *   - repeated controls (`data-item`, or one testID on several elements) give a list; an empty
 *     list is an element with `data-list="<control id>"` and no items.
 * Self-contained: puppeteer serialises it into the page.
 */
import type { Page } from 'puppeteer';
import { CONTEXT_GONE } from './page-ops.ts';
export interface RawScreen {
  screen: string | undefined;
  values: Record<string, string | string[]>;
}

/**
 * Installed in every page before its scripts: functions this module hands to the page are
 * compiled by tsx/esbuild with `keepNames` outside Vitest, which wraps nested functions in a
 * `__name(fn, name)` call that only exists in Node; in the page it is the identity.
 */
export const PAGE_HELPERS = 'globalThis.__name = globalThis.__name || function (fn) { return fn; };';

/**
 * Reads the screen, once more after a navigation that destroyed the page's context mid-read
 * (portal pages that move on by themselves, a build reloading after a camera frame).
 */
export async function readScreen(page: Page, screens: readonly string[], controls: readonly string[]): Promise<RawScreen> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await page.evaluate(readScreenInPage, screens, controls);
    } catch (error) {
      if (attempt >= 3 || !CONTEXT_GONE.test((error as Error).message)) throw error;
      await page.waitForNavigation({ waitUntil: 'load', timeout: 5000 }).catch(() => undefined);
    }
  }
}

export function readScreenInPage(screens: readonly string[], controls: readonly string[]): RawScreen {
  const screenIds = new Set(screens);
  const controlIds = new Set(controls);
  const root = Array.from(document.querySelectorAll<HTMLElement>('[data-testid]')).find((e) => screenIds.has(e.dataset.testid ?? ''));
  if (!root) return { screen: undefined, values: {} };
  const values: Record<string, string | string[]> = {};
  for (const list of Array.from(root.querySelectorAll<HTMLElement>('[data-list]'))) {
    const id = list.dataset.list ?? '';
    if (controlIds.has(id)) values[id] = [];
  }
  const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  // The screen's controls, and the page's own ones outside it (a portal page's header names the organisation).
  const inAnotherScreen = (e: HTMLElement): boolean => {
    for (let up = e.parentElement; up; up = up.parentElement) if (up !== root && screenIds.has(up.dataset.testid ?? '')) return true;
    return false;
  };
  const elements = Array.from(document.querySelectorAll<HTMLElement>('[data-testid]')).filter((e) => root.contains(e) || !inAnotherScreen(e));
  const count = new Map<string, number>();
  for (const el of elements) count.set(el.dataset.testid ?? '', (count.get(el.dataset.testid ?? '') ?? 0) + 1);
  for (const el of elements) {
    const id = el.dataset.testid ?? '';
    if (!controlIds.has(id)) continue;
    let value: string;
    const repeated = el.hasAttribute('data-item') || (count.get(id) ?? 0) > 1;
    if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox') value = el.checked ? 'checked' : 'unchecked';
      else if (el.type === 'file') value = text(el.closest('label') ?? el);
      else if (el.disabled && !repeated) value = 'disabled';
      else value = el.type === 'password' ? '•'.repeat(el.value.length) : el.value;
    } else if (el instanceof HTMLImageElement) value = el.getAttribute('src') ?? '';
    else if ((el as HTMLButtonElement).disabled && !repeated) value = 'disabled';
    else value = text(el);
    if (repeated) {
      const existing = values[id];
      values[id] = [...(Array.isArray(existing) ? existing : []), value];
    } else values[id] = value;
  }
  return { screen: root.dataset.testid, values };
}
