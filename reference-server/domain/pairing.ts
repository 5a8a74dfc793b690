/**
 * Pairing with a key, in the order of seed 000 steps 5-10 and seed 002 steps 3-5: the portal
 * issues a key, the app claims it (typed or scanned), then completes pairing with its PIN,
 * location and biometrics evidence; a mobile device then gets an authentication request at once.
 */
import type { ClaimKeyResponse, CompletePairingRequest, CompletePairingResponse, PairingRequirements } from '../../models/device-api.ts';
import { decodeQr, encodeQr, normalizeKey } from '../../models/qr.ts';
import type { ServerContext } from '../context.ts';
import type { PairingKeyRecord, TokenRecord, UserRecord } from '../store/records.ts';
import { fail } from '../http/errors.ts';
import { iso, randomKey, randomToken, sha256hex } from './ids.ts';
import { addDevice, ensureDeviceLimitNotReached, pairedAppResponse } from './devices.ts';
import { createPush } from './pushes.ts';

export function pairingRequirements(context: ServerContext): PairingRequirements {
  const { policy } = context.config;
  return {
    pinLength: policy.pin.length,
    pinDistinctDigits4: policy.pin.distinctDigits4,
    pinDistinctDigits6: policy.pin.distinctDigits6,
    locationRequired: policy.locationRequired,
    biometricsRequired: policy.biometricsRequired,
    otpDigits: policy.otp.digits,
    otpPeriodSeconds: policy.otp.periodSeconds,
  };
}

export function issuePairingKey(context: ServerContext, user: UserRecord, client?: PairingKeyRecord['client']): PairingKeyRecord & { qr: string } {
  const { pairingKey } = context.config.policy;
  let key = randomKey(context.rng, pairingKey.format, pairingKey.length);
  while (context.store.get('pairingKeys', key)) key = randomKey(context.rng, pairingKey.format, pairingKey.length);
  const now = context.nowMs();
  const record: PairingKeyRecord = {
    key,
    userId: user.id,
    createdAt: now,
    expiresAt: now + pairingKey.ttlSeconds * 1000,
    status: 'unclaimed',
    claimedAt: null,
    deviceId: null,
    pushId: null,
    ...(client ? { client } : {}),
  };
  context.store.transaction(() => {
    // MOB-PAIR-KEY-LATEST-ONLY: one live key per registration; Start again revokes the user's earlier unclaimed keys.
    if (!context.deviates('earlier-pairing-keys-live', 'MOB-PAIR-KEY-LATEST-ONLY')) {
      for (const earlier of context.store.list('pairingKeys')) {
        if (earlier.userId === user.id && earlier.status === 'unclaimed') context.store.put('pairingKeys', earlier.key, { ...earlier, status: 'revoked' });
      }
    }
    context.store.put('pairingKeys', key, record);
  });
  return { ...record, qr: encodeQr({ kind: 'pair', key, server: context.config.baseUrl }) };
}

/** The key inside what the app sent: a typed key (spaces and dashes ignored) or a whole QR payload. */
function keyFrom(input: string): string | undefined {
  const payload = decodeQr(input);
  if (payload) return payload.kind === 'pair' ? payload.key : undefined;
  const key = normalizeKey(input);
  return /^[0-9A-Z]{1,64}$/.test(key) ? key : undefined;
}

/**
 * Wrong-key lockout per registration and per user, never per address (issue 9: one address may be
 * everyone behind a NAT). A wrong key cannot be pinned on a client, but it can on the key it was
 * meant for: a guess within two characters of a live key (a typo of it, or a brute-force guess
 * that came close) counts against that key's registration and its user. After policy
 * `pairingKey.maxGuesses` such near misses the key and the user's pairing are locked for
 * `lockoutSeconds` (PAIRING_KEY_LOCKED, even for the right key). A brute-forcer thus burns a key
 * on its near misses long before it can hit it: a guess is about 1 + 2L(a-1) + C(L,2)(a-1)^2 times
 * likelier to fall near a key than on it (L characters, alphabet a), so a key falls with odds of
 * about maxGuesses in that number (5 in ~5,400 for 12 digits).
 */
const NEAR_MISS_DISTANCE = 2;

const guessIds = (record: PairingKeyRecord): string[] => [`key:${record.key}`, `user:${record.userId}`];

function distance(a: string, b: string): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
  return differences;
}

function ensureRegistrationNotLockedOut(context: ServerContext, record: PairingKeyRecord): void {
  const now = context.nowMs();
  const locked = guessIds(record).some((id) => {
    const guesses = context.store.get('keyGuesses', id);
    return guesses?.lockedUntil != null && now < guesses.lockedUntil;
  });
  if (locked) {
    fail('PAIRING_KEY_LOCKED', 'Too many wrong keys close to this one; this registration is locked for a while.', {
      userMessage: 'Too many attempts. Wait a few minutes and try again.',
      requirements: ['MOB-PAIR-KEY-WRONG', 'DSK-PAIR-KEY-WRONG'],
    });
  }
}

function countNearMiss(context: ServerContext, id: string): void {
  const { maxGuesses, lockoutSeconds } = context.config.policy.pairingKey;
  const now = context.nowMs();
  const previous = context.store.get('keyGuesses', id);
  const expired = previous?.lockedUntil != null && now >= previous.lockedUntil;
  if (previous?.lockedUntil != null && !expired) return;
  const failures = (expired || !previous ? 0 : previous.failures) + 1;
  const lockedUntil = failures >= maxGuesses ? now + lockoutSeconds * 1000 : null;
  context.store.put('keyGuesses', id, { client: id, failures: lockedUntil ? 0 : failures, lockedUntil });
}

/** A wrong key: each live key it nearly matches counts a near miss for its registration and user. */
function recordWrongGuess(context: ServerContext, guess: string | undefined): void {
  if (guess === undefined) return;
  const now = context.nowMs();
  const near = context.store.list('pairingKeys').filter((k) => k.status === 'unclaimed' && now < k.expiresAt && distance(k.key, guess) <= NEAR_MISS_DISTANCE);
  if (near.length === 0) return;
  context.store.transaction(() => {
    for (const id of new Set(near.flatMap(guessIds))) countNearMiss(context, id);
  });
}

export function claimPairingKey(context: ServerContext, input: string): ClaimKeyResponse {
  const key = keyFrom(input);
  const record = key ? context.store.get('pairingKeys', key) : undefined;
  if (record) ensureRegistrationNotLockedOut(context, record);
  if (!record) {
    recordWrongGuess(context, key);
    fail('PAIRING_KEY_INVALID', 'No pairing key matches.', {
      userMessage: 'This pairing key is not valid. Check it and try again.',
      requirements: ['MOB-PAIR-KEY-WRONG', 'DSK-PAIR-KEY-WRONG'],
    });
  }
  // MOB-PAIR-KEY-SINGLE-USE: a key pairs once.
  if (record.status === 'claimed' && !context.deviates('accept-reused-pairing-key', 'MOB-PAIR-KEY-SINGLE-USE')) {
    fail('PAIRING_KEY_USED', 'This pairing key was already used.', {
      userMessage: 'This pairing key was already used. Ask for a new one.',
      requirements: ['MOB-PAIR-KEY-SINGLE-USE', 'DSK-PAIR-KEY-USED'],
    });
  }
  // MOB-PAIR-KEY-LATEST-ONLY: a key replaced by a newer one (Start pressed again) pairs nothing.
  if (record.status === 'revoked') {
    fail('PAIRING_KEY_REVOKED', 'A newer pairing key was issued for this registration.', {
      userMessage: 'This pairing key was replaced by a newer one. Use the key shown now.',
      requirements: ['MOB-PAIR-KEY-LATEST-ONLY'],
    });
  }
  // MOB-PAIR-KEY-EXPIRY: a key is refused after policy pairingKey.ttlSeconds.
  if (context.nowMs() >= record.expiresAt && !context.deviates('accept-expired-pairing-key', 'MOB-PAIR-KEY-EXPIRY')) {
    fail('PAIRING_KEY_EXPIRED', 'This pairing key expired.', {
      userMessage: 'This pairing key expired. Ask for a new one.',
      requirements: ['MOB-PAIR-KEY-EXPIRY', 'DSK-PAIR-KEY-EXPIRED', 'POL-PAIRING-KEY-LIFETIME'],
    });
  }
  const user = context.store.get('users', record.userId);
  if (!user) fail('PAIRING_KEY_INVALID', 'The user of this pairing key no longer exists.');
  const now = context.nowMs();
  const token = randomToken(context.rng);
  const claim: TokenRecord = {
    hash: sha256hex(token),
    kind: 'claim',
    userId: user.id,
    key: record.key,
    deviceId: null,
    expiresAt: now + context.config.policy.pairingKey.ttlSeconds * 1000,
  };
  context.store.transaction(() => {
    context.store.put('pairingKeys', record.key, { ...record, status: 'claimed', claimedAt: now });
    context.store.put('tokens', claim.hash, claim);
    context.store.delete('keyGuesses', `key:${record.key}`);
  });
  return {
    claimToken: token,
    organization: context.config.organization,
    username: user.username,
    requirements: pairingRequirements(context),
    expiresAt: iso(claim.expiresAt!),
  };
}

export function findClaim(context: ServerContext, claimToken: string): TokenRecord {
  const claim = context.store.get('tokens', sha256hex(claimToken));
  if (!claim || claim.kind !== 'claim' || (claim.expiresAt !== null && context.nowMs() >= claim.expiresAt)) {
    fail('CLAIM_INVALID', 'The claim token is unknown, used or expired.');
  }
  return claim;
}

/** Seed 000 step 8 / seed 002 step 5: a PIN of the policy's length, when the policy sets one. */
function ensurePinMatchesPolicy(context: ServerContext, pin: CompletePairingRequest['pin']): void {
  const length = context.config.policy.pin.length;
  if (length > 0 && (!pin.configured || pin.length !== length)) {
    fail('PIN_REQUIRED', `The policy requires a ${length}-digit PIN.`, {
      userMessage: `Create a ${length}-digit PIN to continue.`,
      requirements: ['MOB-PAIR-PIN-REQUIRED', 'MOB-PAIR-PIN-LENGTH', 'DSK-PAIR-PIN-REQUIRED', 'DSK-PAIR-PIN-LENGTH', 'POL-PIN-LENGTH'],
    });
  }
}

/** Seed 000 step 9: the organisation needs the device location. */
function ensureLocationWhenRequired(context: ServerContext, location: CompletePairingRequest['location']): void {
  if (!context.config.policy.locationRequired || location.permission === 'granted') return;
  // MOB-PAIR-LOCATION-REQUIRED
  if (context.deviates('skip-location-requirement', 'MOB-PAIR-LOCATION-REQUIRED')) return;
  fail('LOCATION_REQUIRED', 'The policy requires the device location.', {
    userMessage: 'Allow location access to finish pairing.',
    requirements: ['MOB-PAIR-LOCATION-REQUIRED', 'POL-LOCATION-REQUIRED'],
  });
}

/** Seed 000 "Before you begin" 3: biometrics set up when the organisation requires them. */
function ensureBiometricsWhenRequired(context: ServerContext, biometrics: CompletePairingRequest['biometrics']): void {
  if (context.config.policy.biometricsRequired && !biometrics.enrolled) {
    fail('BIOMETRICS_REQUIRED', 'The policy requires biometrics set up on the device.', {
      userMessage: 'Set up fingerprint or face recognition, then pair again.',
      requirements: ['MOB-PAIR-BIOMETRICS-SETUP', 'POL-BIOMETRICS-REQUIRED'],
    });
  }
}

export function completePairing(context: ServerContext, request: CompletePairingRequest): CompletePairingResponse {
  const claim = findClaim(context, request.claimToken);
  const user = context.store.get('users', claim.userId);
  if (!user) fail('CLAIM_INVALID', 'The user of this claim no longer exists.');
  const mobile = request.device.kind === 'mobile';
  ensurePinMatchesPolicy(context, request.pin);
  if (mobile) ensureLocationWhenRequired(context, request.location);
  if (mobile) ensureBiometricsWhenRequired(context, request.biometrics);
  ensureDeviceLimitNotReached(context, user);
  if (context.faults.take('pairing-error', [user.username])) {
    fail('PAIRING_ERROR', 'Pairing failed on the server side (injected fault).', { userMessage: 'Pairing failed. Try again.' });
  }
  return context.store.transaction(() => {
    const paired = addDevice(context, user, {
      kind: request.device.kind,
      name: request.device.name,
      platform: request.device.platform,
      profile: request.device.profile ?? null,
    });
    context.store.delete('tokens', claim.hash);
    const key = claim.key ? context.store.get('pairingKeys', claim.key) : undefined;
    // Seed 000 step 9 result: "an authentication request is generated immediately" (MOB-PAIR-AUTH-REQUEST), from
    // the browser that pressed Start (issue 10: the phone shows where a request comes from).
    const push = mobile ? createPush(context, user, paired.device, { application: context.config.organization.name, ...key?.client }) : undefined;
    if (key) context.store.put('pairingKeys', key.key, { ...key, deviceId: paired.device.id, pushId: push?.id ?? null });
    return { ...pairedAppResponse(context, user, paired), ...(push ? { authenticationRequestId: push.id } : {}) };
  });
}
