/**
 * The few page operations the ports need, each one `page.evaluate` (plus input events for a
 * click): no element handles and no selector engine injected into every document, which is what
 * Puppeteer's `$`, `waitForSelector`, `waitForFunction` and `click` cost per page load (measured
 * here: about 13 ms of browser CPU and 7 ms of Node CPU for each page a step touches). Controls are
 * found by CSS selector only (the testID contract); `nth` picks one of several matches.
 * Self-contained functions: Puppeteer serialises them into the page.
 */
import type { Page } from 'puppeteer';
import { PortNoControl } from '../../port/app-port.ts';

/** Puppeteer's errors for a call whose document went away under it (a navigation, a closed target). */
export const CONTEXT_GONE = /context was destroyed|Cannot find context|detached|Target closed/i;

/** How many elements match. */
export function countOf(page: Page, selector: string): Promise<number> {
  return page.evaluate((s: string) => document.querySelectorAll(s).length, selector);
}

/**
 * Clicks the centre of the `nth` element matching `selector` after scrolling it into view, as a
 * person taps it (mouse down and up at that point). False when there is no such element, or it
 * has no size (hidden).
 */
export async function clickOn(page: Page, selector: string, nth = 0): Promise<boolean> {
  const point = await page.evaluate(
    (s: string, n: number) => {
      const element = document.querySelectorAll(s)[n];
      if (!element) return null;
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 ? [box.left + box.width / 2, box.top + box.height / 2] : null;
    },
    selector,
    nth,
  );
  if (!point) return false;
  await page.mouse.click(point[0]!, point[1]!);
  return true;
}

/**
 * Waits in the page until `selector` matches (`present`) or matches nothing (`absent`), watching
 * the DOM (no polling); true when it did within `timeoutMs`. A navigation in between is waited
 * out: the next document is asked again (a few times at most).
 */
export async function waitForSelectorState(page: Page, selector: string, state: 'present' | 'absent', timeoutMs: number): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await page.evaluate(
        (s: string, want: string, ms: number) =>
          new Promise<boolean>((resolve) => {
            const done = (): boolean => (document.querySelector(s) !== null) === (want === 'present');
            if (done()) return resolve(true);
            const observer = new MutationObserver(() => {
              if (!done()) return;
              observer.disconnect();
              clearTimeout(timer);
              resolve(true);
            });
            const timer = setTimeout(() => {
              observer.disconnect();
              resolve(done());
            }, ms);
            observer.observe(document, { childList: true, subtree: true, attributes: true });
          }),
        selector,
        state,
        timeoutMs,
      );
    } catch (error) {
      // The document went away mid-wait (a navigation): ask the next one, a few times at most.
      // (Puppeteer's evaluate waits for the new document's context.)
      if (attempt >= 3 || !CONTEXT_GONE.test((error as Error).message)) throw error;
    }
  }
}

/**
 * Waits in the page until `window.__authconfPending()` (app-port.ts `trackRequests`) is 0,
 * checking every 10 ms; true when it was within `timeoutMs`, false when the page does not count
 * its requests or did not go quiet.
 */
export async function waitForRequestsAnswered(page: Page, timeoutMs: number): Promise<boolean> {
  try {
    return await page.evaluate(
      (ms: number) =>
        new Promise<boolean>((resolve) => {
          const pending = (window as unknown as { __authconfPending?: () => number }).__authconfPending;
          if (typeof pending !== 'function') return resolve(false);
          const started = performance.now();
          const check = (): void => {
            if (pending() === 0) resolve(true);
            else if (performance.now() - started > ms) resolve(false);
            else setTimeout(check, 10);
          };
          check();
        }),
      timeoutMs,
    );
  } catch (error) {
    // The page navigated while it was being asked: the new document's requests are its own.
    if (CONTEXT_GONE.test((error as Error).message)) return false;
    throw error;
  }
}

/**
 * Types `text` into the field as one input, the way a keyboard's suggestion or a paste arrives:
 * the field is focused and its content selected, then Chromium inserts the text (a real
 * `beforeinput`/`input`, `maxlength` applies) in one round trip instead of a key event per
 * character. An empty text deletes what is there. False when the field is disabled (a person
 * cannot type there: nothing happens).
 */
export async function typeInto(page: Page, target: string, text: string): Promise<boolean> {
  const state = await page.evaluate((s: string) => {
    const field = document.querySelector(s) as HTMLInputElement | null;
    if (!field) return 'missing';
    if (field.disabled) return 'disabled';
    field.scrollIntoView({ block: 'nearest' });
    field.focus();
    if (typeof field.select === 'function') field.select();
    return field.value === '' ? 'empty' : 'filled';
  }, target);
  if (state === 'missing') throw new PortNoControl(undefined, target, 'is not on this page: nothing to type into');
  if (state === 'disabled') return false;
  if (text !== '') await page.keyboard.sendCharacter(text);
  else if (state === 'filled') await page.keyboard.press('Backspace');
  return true;
}
