/**
 * A browser-less portal user: a cookie jar, redirects followed by hand (so each hop's cookies
 * count), forms found by the testID of their submit control and links by their testID. Each
 * exchange is kept as evidence text (`METHOD path -> status`).
 */
import { decodeEntities, snapshotOf, testIdElements } from './html.ts';
import type { ScreenSnapshot } from '../../../models/testids.ts';
import { targetFetch } from './transport.ts';

export interface Page {
  url: string;
  status: number;
  html: string;
}

export class WebClientError extends Error {
  override name = 'WebClientError';
}

const MAX_REDIRECTS = 10;

export class WebClient {
  readonly #cookies = new Map<string, string>();
  readonly exchanges: string[] = [];
  page: Page = { url: '', status: 0, html: '' };

  constructor(readonly base: string) {}

  #remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.#cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  #cookieHeader(): Record<string, string> {
    return this.#cookies.size ? { cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async request(method: string, path: string, form?: Record<string, string>): Promise<Page> {
    let url = new URL(path, this.base).toString();
    let init: RequestInit = {
      method,
      redirect: 'manual',
      // A form POST carries Origin, as browsers send it (the portal refuses a foreign one: CSRF).
      headers: { accept: 'text/html', ...this.#cookieHeader(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(this.base).origin } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    };
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const response = await targetFetch(url, init);
      this.#remember(response);
      this.exchanges.push(`${init.method} ${new URL(url).pathname}${new URL(url).search} -> ${response.status}`);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        url = new URL(location, url).toString();
        init = { method: 'GET', redirect: 'manual', headers: { accept: 'text/html', ...this.#cookieHeader() } };
        continue;
      }
      this.page = { url, status: response.status, html: await response.text() };
      return this.page;
    }
    throw new WebClientError(`more than ${MAX_REDIRECTS} redirects from ${path}`);
  }

  get(path: string): Promise<Page> {
    return this.request('GET', path);
  }

  async getJson(path: string): Promise<unknown> {
    const response = await targetFetch(new URL(path, this.base), { headers: { accept: 'application/json', ...this.#cookieHeader() } });
    this.exchanges.push(`GET ${path} -> ${response.status}`);
    return response.json();
  }

  snapshot<S extends string>(screens: readonly S[]): ScreenSnapshot<S, string> {
    return snapshotOf(this.page.html, screens);
  }

  /** Submits the form that holds the control `testId`, with its hidden fields (the CSRF token among them, read from the form as a browser does) plus `fields`. */
  async submit(testId: string, fields: Record<string, string> = {}): Promise<Page> {
    for (const m of this.page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
      if (!m[2]!.includes(`data-testid="${testId}"`)) continue;
      const action = decodeEntities(/\baction="([^"]*)"/.exec(m[1]!)?.[1] ?? this.page.url);
      const method = (/\bmethod="([^"]*)"/i.exec(m[1]!)?.[1] ?? 'get').toUpperCase();
      const values: Record<string, string> = {};
      for (const input of m[2]!.matchAll(/<(?:input|button)\b([^>]*)>/gi)) {
        const name = /\bname="([^"]*)"/.exec(input[1]!)?.[1];
        const value = /\bvalue="([^"]*)"/.exec(input[1]!)?.[1];
        if (name && value !== undefined && !/type="(checkbox|radio)"/.test(input[1]!)) values[name] = decodeEntities(value);
      }
      // The clicked button's own name/value (device options carry the device id).
      const button = new RegExp(`<button\\b([^>]*data-testid="${testId}"[^>]*)>`).exec(m[2]!)?.[1];
      const buttonName = button && /\bname="([^"]*)"/.exec(button)?.[1];
      const buttonValue = button && /\bvalue="([^"]*)"/.exec(button)?.[1];
      if (buttonName && buttonValue !== undefined) values[buttonName] = decodeEntities(buttonValue);
      return this.request(method, action, { ...values, ...fields });
    }
    throw new WebClientError(`no form with control '${testId}' on ${this.page.url}`);
  }

  /** Submits the form of the `index`-th control `testId` (repeated controls: one form each). */
  async submitNth(testId: string, index: number): Promise<Page> {
    const forms = [...this.page.html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)].filter((m) => m[0].includes(`data-testid="${testId}"`));
    const chosen = forms[index];
    if (!chosen) throw new WebClientError(`no ${index + 1}th form with control '${testId}' on ${this.page.url}`);
    const original = this.page;
    this.page = { ...original, html: chosen[0] };
    try {
      return await this.submit(testId);
    } catch (error) {
      this.page = original;
      throw error;
    }
  }

  /** Follows the link carrying `testId`. */
  async follow(testId: string): Promise<Page> {
    const link = testIdElements(this.page.html).find((e) => e.id === testId && e.attrs.href !== undefined);
    if (!link) throw new WebClientError(`no link '${testId}' on ${this.page.url}`);
    return this.get(link.attrs.href!);
  }

  /** The PNG bytes of an `<img data-testid=...>` given as a data URL. */
  imageBytes(testId: string): Uint8Array | undefined {
    const img = testIdElements(this.page.html).find((e) => e.id === testId);
    const match = img && /^data:image\/png;base64,(.+)$/.exec(img.attrs.src ?? '');
    return match ? new Uint8Array(Buffer.from(match[1]!, 'base64')) : undefined;
  }
}
