/**
 * Pairing-key properties (issue 12), against a server with a portal and test control (the
 * embedded reference server; the clock moves only through test control):
 * - the key the portal shows has the policy's format (numeric digits or the alphanumeric
 *   alphabet) and length;
 * - a key is single use: a second claim is refused with PAIRING_KEY_USED;
 * - a key is bound to the user and the server that issued it: its claim names that user, and
 *   another server does not know it (PAIRING_KEY_INVALID);
 * - a key is accepted one second before its lifetime ends and refused (PAIRING_KEY_EXPIRED) one
 *   second after.
 * Each sample is a fresh user who signs on at the portal and clicks Start; the key is read from
 * the Add a New Device window by its testID, as a person reads it.
 */
import fc from 'fast-check';
import type { Policy } from '../../../models/policy.ts';
import { portal } from '../../../models/testids.ts';
import { fetchHttpClient } from '../../../sims/shared/http-client.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import { defineCheck } from '../../checks/check.ts';
import { portalScreens } from '../../assertions/screens.ts';
import { WebClient } from '../../drivers/shared/web-client.ts';
import { ensure } from '../../runner/errors.ts';
import { assertProperty } from './assert-property.ts';
import { type ApiTarget, freshUsername } from './authn-api.ts';

export interface KeyTarget extends ApiTarget {
  policy: Policy;
}

export interface KeyPropertyOptions {
  seed: number;
  runs: number;
  /** A second server of the same kind (another organisation's), for the binding property. */
  other?: ApiTarget;
}

const http = fetchHttpClient();

/** A new user signs on and clicks Start; returns the user and the key the portal shows. */
export async function portalKey(target: KeyTarget): Promise<{ username: string; key: string }> {
  const username = freshUsername('key-user');
  await target.control.seedUser(username, `${username}-pw`);
  const web = new WebClient(target.base);
  await web.get('/portal/signon');
  await web.submit(portal.controls.signOnSubmit, { username, password: `${username}-pw` });
  await web.submit(portal.controls.start);
  const values = web.snapshot(portalScreens).values;
  const shown = values[portal.controls.pairingKey] ?? values[portal.controls.desktopPairingKey];
  ensure(typeof shown === 'string', [], 'the Add a New Device window shows no pairing key', { code: 'NO_KEY', actual: web.snapshot(portalScreens) });
  return { username, key: shown.replace(/\s+/g, '') };
}

export const claim = (target: ApiTarget, key: string) => new DeviceApiClient(http, target.base).claimKey(key);

/** The key has the policy's format and length. */
export const ensurePairingKeyHasPolicyFormat = defineCheck('ensurePairingKeyHasPolicyFormat', ['MOB-PAIR-KEY-ENTRY', 'POL-PAIRING-KEY-FORMAT'], async (target: KeyTarget, options: KeyPropertyOptions) => {
  const { format, length } = target.policy.pairingKey;
  const pattern = format === 'numeric' ? new RegExp(`^[0-9]{${length}}$`) : new RegExp(`^[A-Z0-9]{${length}}$`);
  await assertProperty(fc.asyncProperty(fc.constant(null), async () => {
    const { key } = await portalKey(target);
    ensure(pattern.test(key), [], `the portal shows key '${key}': not ${length} ${format} characters`, { code: 'KEY_FORMAT', expected: pattern.source, actual: key });
  }), options);
});

/** A claimed key is refused the second time. */
export const ensurePairingKeyIsSingleUse = defineCheck('ensurePairingKeyIsSingleUse', ['MOB-PAIR-KEY-SINGLE-USE'], async (target: KeyTarget, options: KeyPropertyOptions) => {
  await assertProperty(fc.asyncProperty(fc.integer({ min: 0, max: 30 }), async (secondsBetween) => {
    const { key } = await portalKey(target);
    const first = await claim(target, key);
    ensure(first.ok, [], `a fresh key was refused: ${first.ok ? '' : first.code}`, { code: 'CLAIM_FAILED' });
    await target.control.advanceClock(secondsBetween * 1000);
    const second = await claim(target, key);
    ensure(!second.ok && second.code === 'PAIRING_KEY_USED', [], `a key claimed ${secondsBetween} s earlier was ${second.ok ? 'accepted' : `refused with ${second.code}`} the second time`, { code: 'KEY_REUSED', expected: 'PAIRING_KEY_USED', actual: second.ok ? 'accepted' : second.code });
  }), options);
});

/** The key pairs the user who asked for it, on the server that issued it, and no other server knows it. */
export const ensurePairingKeyIsBoundToUserAndServer = defineCheck('ensurePairingKeyIsBoundToUserAndServer', ['MOB-PAIR-KEY-ENTRY'], async (target: KeyTarget, options: KeyPropertyOptions) => {
  await assertProperty(fc.asyncProperty(fc.boolean(), async (otherFirst) => {
    const { username, key } = await portalKey(target);
    if (otherFirst && options.other) {
      const elsewhere = await claim(options.other, key);
      ensure(!elsewhere.ok, [], `another server accepted key ${key} it never issued`, { code: 'KEY_NOT_BOUND', actual: 'accepted' });
    }
    const claimed = await claim(target, key);
    ensure(claimed.ok && claimed.value.username === username, [], `key ${key} of ${username} ${claimed.ok ? `claims for ${claimed.value.username}` : `was refused: ${claimed.code}`}`, { code: 'KEY_NOT_BOUND', expected: username, actual: claimed.ok ? claimed.value.username : claimed.code });
  }), options);
});

/** The key is accepted one second before its lifetime ends and refused one second after. */
export const ensurePairingKeyLifetimeIsExact = defineCheck('ensurePairingKeyLifetimeIsExact', ['MOB-PAIR-KEY-EXPIRY', 'POL-PAIRING-KEY-LIFETIME'], async (target: KeyTarget, options: KeyPropertyOptions) => {
  const ttl = target.policy.pairingKey.ttlSeconds;
  await assertProperty(fc.asyncProperty(fc.constantFrom(-1, 1), async (offset) => {
    const { key } = await portalKey(target);
    await target.control.advanceClock((ttl + offset) * 1000);
    const claimed = await claim(target, key);
    if (offset < 0) ensure(claimed.ok, [], `key refused 1 s before its ${ttl} s lifetime ended: ${claimed.ok ? '' : claimed.code}`, { code: 'KEY_EXPIRED_EARLY', expected: 'accepted', actual: claimed.ok ? 'accepted' : claimed.code });
    else ensure(!claimed.ok && claimed.code === 'PAIRING_KEY_EXPIRED', [], `key ${claimed.ok ? 'accepted' : `refused with ${claimed.code}`} 1 s after its ${ttl} s lifetime ended`, { code: 'KEY_EXPIRED_LATE', expected: 'PAIRING_KEY_EXPIRED', actual: claimed.ok ? 'accepted' : claimed.code });
  }), options);
});
