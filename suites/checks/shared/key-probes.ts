/**
 * Pairing-key rules probed on the server's device API directly (issue 8 item 5: an app that
 * refuses first hides a server that does not). The keys come from test control (a precondition:
 * a key issued, as the portal would, for a probe user of the check's own, so the path's user keeps
 * its live key and its wrong-key count); the claims are the device API's own answers.
 * Every probe ends with a successful claim, which resets the wrong-key counter the server keeps
 * per client (policy pairingKey.maxGuesses), so probes never lock out the path that follows.
 */
import { errorCodes, type ErrorCode } from '../../../models/error-codes.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';

type Claim = Awaited<ReturnType<DeviceApiClient['claimKey']>>;

function ensureClaimRefused(claim: Claim, code: ErrorCode, what: string): void {
  const status = errorCodes[code].status;
  ensure(!claim.ok && claim.status === status && claim.code === code, [], `${what}: ${claim.ok ? 'claimed' : `${claim.status} ${claim.code}`}, expected ${status} ${code}`, {
    code: 'ERROR_CODE', expected: { status, code }, actual: claim.ok ? 'claimed' : { status: claim.status, code: claim.code },
  });
}

function ensureClaimed(claim: Claim, what: string): void {
  ensure(claim.ok, [], `${what}: refused with ${claim.ok ? '' : `${claim.status} ${claim.code}`}`, { code: 'CLAIM_FAILED', actual: claim });
}

/** A user of the probe's own (test control: a precondition), named after the path's user. */
export async function probeUser(world: PathWorld, purpose: string): Promise<string> {
  const username = `${world.username}-${purpose}`;
  await world.control.seedUser(username, `${world.password}-${purpose}`);
  return username;
}

/** A key issued for a probe user of its own. */
export async function probeKey(world: PathWorld, purpose: string): Promise<string> {
  return (await world.control.issuePairingKey(await probeUser(world, purpose))).key;
}

/** One character changed within the policy's alphabet. */
function oneCharacterChanged(key: string): string {
  const last = key.at(-1)!;
  const next = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === 'Z' ? 'A' : String.fromCharCode(last.charCodeAt(0) + 1);
  return key.slice(0, -1) + next;
}

/** A key truncated by one character, and one with a character changed, are PAIRING_KEY_INVALID; the key itself claims. */
export async function probeMistypedKeys(world: PathWorld, step: Step): Promise<void> {
  const api = new DeviceApiClient(world.http, world.base);
  const key = await probeKey(world, 'mistyped-key');
  const truncated = await api.claimKey(key.slice(0, -1));
  const changed = await api.claimKey(oneCharacterChanged(key));
  const right = await api.claimKey(key);
  step.attach({ name: 'mistyped keys (device API; key issued by test control)', contentType: 'application/json', body: JSON.stringify({ truncated, changed, right: right.ok ? 'claimed' : right }) });
  ensureClaimRefused(truncated, 'PAIRING_KEY_INVALID', 'a key one character short');
  ensureClaimRefused(changed, 'PAIRING_KEY_INVALID', 'a key with one character changed');
  ensureClaimed(right, 'the same key typed right');
}

/** Key lifetime at its edges: claimed one second before policy pairingKey.ttlSeconds, refused one second after. */
export async function probeKeyLifetimeEdges(world: PathWorld, step: Step): Promise<void> {
  const api = new DeviceApiClient(world.http, world.base);
  const ttl = world.policy.pairingKey.ttlSeconds;
  const early = { key: await probeKey(world, 'key-ttl-a') };
  const late = { key: await probeKey(world, 'key-ttl-b') };
  await world.control.advanceClock((ttl - 1) * 1000);
  const before = await api.claimKey(early.key);
  await world.control.advanceClock(2000);
  const after = await api.claimKey(late.key);
  step.attach({ name: `key lifetime edges: claims at ${ttl - 1} s and ${ttl + 1} s (test control: keys issued, clock moved)`, contentType: 'application/json', body: JSON.stringify({ before: before.ok ? 'claimed' : before, after: after.ok ? 'claimed' : after }) });
  ensureClaimed(before, `a key ${ttl - 1} s old (one second before its lifetime)`);
  ensureClaimRefused(after, 'PAIRING_KEY_EXPIRED', `a key ${ttl + 1} s old (one second after its lifetime)`);
  // Reset the wrong-key counter (an expired key is not a wrong guess, but keep the rule in one place).
  ensureClaimed(await api.claimKey(await probeKey(world, 'key-reset')), 'a fresh key');
}

/** The key the portal shows was claimed by the app: claimed again it is PAIRING_KEY_USED (single use). */
export async function probeKeyAlreadyClaimed(world: PathWorld, shownKey: string, step: Step): Promise<void> {
  const again = await new DeviceApiClient(world.http, world.base).claimKey(shownKey);
  step.attach({ name: 'the key the portal shows, claimed again (device API)', contentType: 'application/json', body: JSON.stringify(again.ok ? 'claimed' : again) });
  ensureClaimRefused(again, 'PAIRING_KEY_USED', 'the key the app just paired with, claimed a second time');
}

/** The character after `c` in the key's alphabet (digits, or digits and capitals). */
function nextCharacter(c: string): string {
  if (/\d/.test(c)) return String((Number(c) + 1) % 10);
  return c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1);
}

/**
 * Wrong-key lockout (policy pairingKey.maxGuesses near misses, then PAIRING_KEY_LOCKED for
 * lockoutSeconds, per registration and per user): wrong keys far from any live key (every
 * character changed) lock nothing; `maxGuesses` near misses (one character changed) lock the key,
 * even typed right; another near miss while locked keeps it locked; the same user's next key is
 * locked too; another user's key claims. Probe users of its own; every refusal the registry's code.
 */
export async function probeNearMissLockout(world: PathWorld, step: Step): Promise<void> {
  const api = new DeviceApiClient(world.http, world.base);
  const { maxGuesses } = world.policy.pairingKey;
  const round = Number(world.memo.get('nearMissProbes') ?? 0) + 1; // a fresh user on every visit: the lockout outlasts the step
  world.memo.set('nearMissProbes', round);
  const username = await probeUser(world, `near-miss-${round}`);
  const key = (await world.control.issuePairingKey(username)).key;
  const answers: Record<string, unknown> = {};
  try {
    for (let i = 0; i < maxGuesses; i++) {
      const far = [...key].map((c) => nextCharacter(i % 2 === 0 ? c : nextCharacter(c))).join('');
      const claim = await api.claimKey(far);
      answers[`far ${i + 1}`] = claim.ok ? 'claimed' : claim.code;
      ensureClaimRefused(claim, 'PAIRING_KEY_INVALID', `wrong key ${i + 1} of ${maxGuesses}, far from any live key`);
    }
    for (let i = 0; i < maxGuesses; i++) {
      const near = key.slice(0, key.length - 1 - i) + nextCharacter(key.at(-1 - i)!) + key.slice(key.length - i);
      const claim = await api.claimKey(near);
      answers[`near ${i + 1}`] = claim.ok ? 'claimed' : claim.code;
      ensureClaimRefused(claim, 'PAIRING_KEY_INVALID', `near miss ${i + 1} of ${maxGuesses} (one character changed), after ${maxGuesses} far ones`);
    }
    const locked = await api.claimKey(key);
    answers['right key after the near misses'] = locked.ok ? 'claimed' : locked.code;
    ensureClaimRefused(locked, 'PAIRING_KEY_LOCKED', `the right key after ${maxGuesses} near misses`);
    const again = await api.claimKey(key.slice(0, 1) + nextCharacter(key[1]!) + key.slice(2));
    answers['near miss while locked'] = again.ok ? 'claimed' : again.code;
    const stillLocked = await api.claimKey(key);
    answers['right key after a near miss while locked'] = stillLocked.ok ? 'claimed' : stillLocked.code;
    ensureClaimRefused(stillLocked, 'PAIRING_KEY_LOCKED', 'the right key after one more near miss during the lockout');
    const next = (await world.control.issuePairingKey(username)).key;
    const sameUser = await api.claimKey(next);
    answers['the same user\'s next key'] = sameUser.ok ? 'claimed' : sameUser.code;
    ensureClaimRefused(sameUser, 'PAIRING_KEY_LOCKED', 'a new key of the user locked out by near misses');
    const other = await api.claimKey(await probeKey(world, `near-miss-other-${round}`));
    answers['another user\'s key'] = other.ok ? 'claimed' : other.code;
    ensureClaimed(other, 'another user\'s key while one user is locked out');
  } finally {
    step.attach({ name: 'near-miss lockout (device API; probe users and keys issued by test control)', contentType: 'application/json', body: JSON.stringify(answers, null, 1) });
  }
}
