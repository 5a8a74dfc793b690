/**
 * One live pairing key per registration (MOB-PAIR-KEY-LATEST-ONLY): in another browser the same
 * user presses Start, reads the key, presses Start again; the first key, claimed as an app would
 * (device API), must be refused. The second key is left unclaimed (the path's own Start replaces it).
 */
import { portal } from '../../../models/testids.ts';
import { portalScreens } from '../../assertions/screens.ts';
import { WebClient } from '../../drivers/shared/web-client.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

const { controls: C } = portal;

async function startAndReadKey(browser: WebClient): Promise<string | undefined> {
  await browser.get('/portal/registration');
  await browser.submit(C.start);
  const shown = browser.snapshot(portalScreens).values[C.pairingKey];
  return typeof shown === 'string' ? shown.replace(/\s+/g, '') : undefined;
}

export const ensureEarlierPairingKeyIsRevoked = defineCheck(
  'ensureEarlierPairingKeyIsRevoked',
  ['MOB-PAIR-KEY-LATEST-ONLY'],
  async (base: string, username: string, password: string, step: Pick<Step, 'attach'>) => {
    const browser = new WebClient(base);
    await browser.get('/portal/signon');
    await browser.submit(C.signOnSubmit, { username, password });
    const earlier = await startAndReadKey(browser);
    const later = await startAndReadKey(browser);
    ensure(earlier !== undefined && later !== undefined && earlier !== later, [], `Start twice did not show two keys (${String(earlier)}, ${String(later)})`, { continuable: true, code: 'NO_KEY' });
    const response = await targetFetch(new URL('/device/v1/pairing-keys/claim', base), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ key: earlier }) });
    const text = await response.text();
    step.attach({ name: 'the earlier key claimed after Start again', contentType: 'text/plain', body: `${browser.exchanges.join('\n')}\nPOST /device/v1/pairing-keys/claim {key: earlier} -> ${response.status} ${text.slice(0, 300)}` });
    ensure(response.status >= 400 && response.status < 500, [], `the key shown before Start was pressed again still pairs (${response.status})`, { continuable: true, code: 'EARLIER_KEY_LIVE', expected: '4xx PAIRING_KEY_REVOKED', actual: response.status });
  },
);
