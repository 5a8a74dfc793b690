/**
 * Pairing-key rules probed on the server's device API directly (issue 8 item 5: an app that
 * refuses first hides a server that does not). The keys come from test control (a precondition:
 * a key issued, as the portal would, for a probe user of the check's own, so the path's user keeps
 * its live key and its wrong-key count); the claims are the device API's own answers.
 * Wrong keys count against the key they are near and its user (policy pairingKey.maxGuesses), so
 * every probe works on probe users of its own and never locks out the path that follows.
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

/** A key truncated by one character, and one with a character changed, are PAIRING_KEY_INVALID; the key itself claims. */
export async function probeMistypedKeys(world: PathWorld, step: Step): Promise<void> {
  const api = new DeviceApiClient(world.http, world.base);
  const key = await probeKey(world, 'mistyped-key');
  const truncated = await api.claimKey(key.slice(0, -1));
  const changed = await api.claimKey(changedAt(key, [key.length - 1]));
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
  const lateUser = await probeUser(world, 'key-ttl-b');
  const late = { key: (await world.control.issuePairingKey(lateUser)).key };
  await world.control.advanceClock((ttl - 1) * 1000);
  const before = await api.claimKey(early.key);
  await world.control.advanceClock(2000);
  const after = await api.claimKey(late.key);
  step.attach({ name: `key lifetime edges: claims at ${ttl - 1} s and ${ttl + 1} s (test control: keys issued, clock moved)`, contentType: 'application/json', body: JSON.stringify({ before: before.ok ? 'claimed' : before, after: after.ok ? 'claimed' : after }) });
  ensureClaimed(before, `a key ${ttl - 1} s old (one second before its lifetime)`);
  ensureClaimRefused(after, 'PAIRING_KEY_EXPIRED', `a key ${ttl + 1} s old (one second after its lifetime)`);
  // An expired key is no longer live: wrong keys near it count against nothing, and its user pairs on.
  await ensureNearMissesOfADeadKeyLockNothing(world, api, late.key, lateUser, 'expired', step);
  // A fresh key still claims after all of the above.
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

/** The key with the characters at `positions` changed (each to the next one of its alphabet). */
function changedAt(key: string, positions: readonly number[]): string {
  return [...key].map((c, i) => (positions.includes(i) ? nextCharacter(c) : c)).join('');
}

/**
 * Wrong-key lockout (policy pairingKey.maxGuesses near misses, then PAIRING_KEY_LOCKED for
 * lockoutSeconds, per registration and per user), at the near-miss edge (within two characters of
 * the key): wrong keys three characters away lock nothing; `maxGuesses` near misses (one and two
 * characters changed, in turn) lock the key,
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
    const length = key.length;
    // Three characters changed: one more than a near miss, so it counts against nothing. Aimed at a
    // key of another probe user, which must then still claim: every wrong key is PAIRING_KEY_INVALID
    // whether it counted or not, so only the claim after them shows they counted against nothing.
    const farKey = (await world.control.issuePairingKey(await probeUser(world, `far-miss-${round}`))).key;
    for (let i = 0; i < maxGuesses; i++) {
      const claim = await api.claimKey(changedAt(farKey, [i % length, (i + 1) % length, (i + 2) % length]));
      answers[`three characters changed ${i + 1}`] = claim.ok ? 'claimed' : claim.code;
      ensureClaimRefused(claim, 'PAIRING_KEY_INVALID', `wrong key ${i + 1} of ${maxGuesses}, three characters from a live key`);
    }
    const farClaim = await api.claimKey(farKey);
    answers[`the live key after ${maxGuesses} keys three characters away`] = farClaim.ok ? 'claimed' : farClaim.code;
    ensureClaimed(farClaim, `the right key after ${maxGuesses} wrong keys three characters away (they count against nothing)`);
    for (let i = 0; i < maxGuesses; i++) {
      // One character changed, then two (the edge of a near miss), in turn.
      const positions = i % 2 === 0 ? [length - 1 - i] : [length - 1 - i, 0];
      const claim = await api.claimKey(changedAt(key, positions));
      answers[`near ${i + 1} (${positions.length} character(s) changed)`] = claim.ok ? 'claimed' : claim.code;
      ensureClaimRefused(claim, 'PAIRING_KEY_INVALID', `near miss ${i + 1} of ${maxGuesses} (${positions.length} character(s) changed)`);
    }
    const locked = await api.claimKey(key);
    answers['right key after the near misses'] = locked.ok ? 'claimed' : locked.code;
    ensureClaimRefused(locked, 'PAIRING_KEY_LOCKED', `the right key after ${maxGuesses} near misses`);
    const again = await api.claimKey(changedAt(key, [1]));
    answers['near miss while locked'] = again.ok ? 'claimed' : again.code;
    const stillLocked = await api.claimKey(key);
    answers['right key after a near miss while locked'] = stillLocked.ok ? 'claimed' : stillLocked.code;
    ensureClaimRefused(stillLocked, 'PAIRING_KEY_LOCKED', 'the right key after one more near miss during the lockout');
    const next = (await world.control.issuePairingKey(username)).key;
    const sameUser = await api.claimKey(next);
    answers['the same user\'s next key'] = sameUser.ok ? 'claimed' : sameUser.code;
    ensureClaimRefused(sameUser, 'PAIRING_KEY_LOCKED', 'a new key of the user locked out by near misses');
    const otherUser = await probeUser(world, `near-miss-other-${round}`);
    const otherKey = (await world.control.issuePairingKey(otherUser)).key;
    const other = await api.claimKey(otherKey);
    answers['another user\'s key'] = other.ok ? 'claimed' : other.code;
    ensureClaimed(other, 'another user\'s key while one user is locked out');
    // A claimed key is no longer live: wrong keys near it count against nothing, and its user pairs on.
    await ensureNearMissesOfADeadKeyLockNothing(world, api, otherKey, otherUser, 'claimed', step);
  } finally {
    step.attach({ name: 'near-miss lockout (device API; probe users and keys issued by test control)', contentType: 'application/json', body: JSON.stringify(answers, null, 1) });
  }
}

/**
 * A key that was claimed or expired is no longer a live key: `maxGuesses` wrong keys one character
 * from it are refused as wrong (PAIRING_KEY_INVALID) and lock neither it nor its user, whose next
 * key claims.
 */
async function ensureNearMissesOfADeadKeyLockNothing(world: PathWorld, api: DeviceApiClient, dead: string, username: string, how: 'claimed' | 'expired', step: Step): Promise<void> {
  const answers: Record<string, unknown> = {};
  try {
    for (let i = 0; i < world.policy.pairingKey.maxGuesses; i++) {
      const claim = await api.claimKey(changedAt(dead, [i % dead.length]));
      answers[`near the ${how} key ${i + 1}`] = claim.ok ? 'claimed' : claim.code;
      ensureClaimRefused(claim, 'PAIRING_KEY_INVALID', `a wrong key one character from a ${how} key (${i + 1})`);
    }
    const next = await api.claimKey((await world.control.issuePairingKey(username)).key);
    answers['its user\'s next key'] = next.ok ? 'claimed' : next.code;
    ensureClaimed(next, `the next key of a user whose ${how} key drew ${world.policy.pairingKey.maxGuesses} near misses`);
  } finally {
    step.attach({ name: `near misses of a ${how} key (device API)`, contentType: 'application/json', body: JSON.stringify(answers, null, 1) });
  }
}
