/**
 * The server's signing keys (ES256, P-256), kept in the store (`signingKeys`): generated once,
 * so a restart, or a second server on the same database file, signs and verifies with the same
 * keys. Earlier ID tokens still verify against the JWKS, and the serverPayload of a pending SDK
 * pairing (seed 004 step 6) is still accepted after a restart.
 *
 * Rotation (RFC 7517 §5, OpenID Connect Core §10.1.1): after `rotateAfterSeconds` of signing,
 * on the next signature, a new key takes over; the retired key stays in the JWKS for
 * `publishRetiredSeconds` (longer than any token it signed), then the purge removes it.
 *
 * A new key is derived from the injected Rng, so a seeded run signs with the same key every
 * time. Tokens are checked with `jose`. They are signed with node:crypto's ECDSA, synchronously
 * (`signCompact`): WebCrypto, what jose signs with, runs each signature on the thread pool, and
 * the request waited about 200 µs for 40 µs of work (`npm run bench -- --mode property`). The
 * only hand-written part is the compact serialization (RFC 7515 §7.1); the signature is
 * node:crypto's, in JOSE's r||s form (RFC 7518 §3.4), and every token verifies with jose.
 */
import { createECDH, createPrivateKey, createPublicKey, type JsonWebKey as NodeJwk, type KeyObject, sign as nodeSign, webcrypto } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { Rng } from '../../models/runtime.ts';
import type { Store } from '../store/contract.ts';
import type { SigningKeyRecord } from '../store/records.ts';
import { sha256hex } from '../domain/ids.ts';

export const SIGNING_ALG = 'ES256';

export interface SigningKeys {
  /** The key id that signs now. */
  readonly kid: string;
  /** The public JWK of the key that signs now. */
  readonly publicJwk: JWK;
  /** What `/pf/JWKS` publishes: the signing key, then retired keys whose tokens may still be live. */
  jwks(): JWK[];
  /** Retires the signing key now and signs with a new one from here on. */
  rotate(): void;
  sign(claims: JWTPayload, options: { issuer: string; audience: string; nowSeconds: number; ttlSeconds: number; subject?: string }): Promise<string>;
  /** Verifies with the key named by the token's `kid`, if the JWKS still publishes it. */
  verify(token: string, options: { issuer: string; audience: string; nowSeconds: number }): Promise<JWTPayload>;
}

export interface SigningKeyOptions {
  store: Store;
  rng: Rng;
  nowMs(): number;
  /** Sign with one key this long, then rotate; null: never rotate on the clock. */
  rotateAfterSeconds: number | null;
  /** A retired key stays in the JWKS this long; at least the longest lifetime of a token it signs. */
  publishRetiredSeconds: number;
}

function p256FromRng(rng: Rng): { d: Buffer; x: Buffer; y: Buffer } {
  for (;;) {
    const d = Buffer.from(rng.bytes(32));
    try {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(d);
      const point = ecdh.getPublicKey(); // 0x04 || x || y
      return { d, x: point.subarray(1, 33), y: point.subarray(33, 65) };
    } catch {
      // d outside [1, n-1]: draw again (probability about 2^-32).
    }
  }
}

function newKeyRecord(rng: Rng, now: number): SigningKeyRecord {
  const { d, x, y } = p256FromRng(rng);
  const privateJwk = { kty: 'EC', crv: 'P-256', x: x.toString('base64url'), y: y.toString('base64url'), d: d.toString('base64url') } as const;
  const kid = sha256hex(`${privateJwk.x}.${privateJwk.y}`).slice(0, 16);
  return { kid, privateJwk, createdAt: now, retiredAt: null, expiresAt: null };
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWS in compact serialization (RFC 7515 §7.1), ES256: ECDSA P-256 with SHA-256, the signature as r||s (RFC 7518 §3.4). */
function signCompact(header: { alg: typeof SIGNING_ALG; kid: string; typ: 'JWT' }, payload: JWTPayload, key: KeyObject): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${nodeSign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

function publicJwkOf(record: SigningKeyRecord): JWK {
  const { kty, crv, x, y } = record.privateJwk;
  return { kty, crv, x, y, kid: record.kid, alg: SIGNING_ALG, use: 'sig' };
}

/**
 * Synchronous, so that `build()` returns the Fastify instance itself; the first key is made
 * here (when the store has none), before anything else draws from the Rng.
 */
export function storedSigningKeys(options: SigningKeyOptions): SigningKeys {
  const { store, rng, nowMs } = options;
  /**
   * Parsed keys by kid: a key's material never changes, only its dates. The private key as a
   * KeyObject (node:crypto signs with it), the public one as a WebCrypto key, what jose verifies
   * with (given a KeyObject it would import it again on every verification).
   */
  const privateKeys = new Map<string, KeyObject>();
  const privateKeyOf = (record: SigningKeyRecord): KeyObject => {
    let key = privateKeys.get(record.kid);
    if (!key) privateKeys.set(record.kid, (key = createPrivateKey({ key: record.privateJwk as NodeJwk, format: 'jwk' })));
    return key;
  };
  const publicKeys = new Map<string, Promise<CryptoKey>>();
  const publicKeyOf = (record: SigningKeyRecord): Promise<CryptoKey> => {
    let key = publicKeys.get(record.kid);
    if (!key) {
      const jwk = createPublicKey({ key: publicJwkOf(record) as NodeJwk, format: 'jwk' }).export({ format: 'jwk' });
      publicKeys.set(record.kid, (key = webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])));
    }
    return key;
  };

  const retire = (record: SigningKeyRecord, now: number): void => {
    store.put('signingKeys', record.kid, { ...record, retiredAt: now, expiresAt: now + options.publishRetiredSeconds * 1000 });
  };

  /** The signing key: read, rotated when due, or created, in one transaction (another server may be doing the same). */
  const current = (): SigningKeyRecord =>
    store.transaction(() => {
      const now = nowMs();
      const signing = store.list('signingKeys').filter((k) => k.retiredAt === null);
      let key = signing.at(-1);
      // Only one key signs: should two have been made at once, the newest wins and the others retire.
      for (const older of signing.slice(0, -1)) retire(older, now);
      if (key && options.rotateAfterSeconds !== null && now >= key.createdAt + options.rotateAfterSeconds * 1000) {
        retire(key, now);
        key = undefined;
      }
      if (!key) {
        key = newKeyRecord(rng, now);
        store.put('signingKeys', key.kid, key);
      }
      return key;
    });

  const published = (): SigningKeyRecord[] => {
    const now = nowMs();
    return store
      .list('signingKeys')
      .filter((k) => k.expiresAt === null || now < k.expiresAt)
      .sort((a, b) => (a.retiredAt ?? Infinity) - (b.retiredAt ?? Infinity))
      .reverse();
  };

  current();
  return {
    get kid() {
      return current().kid;
    },
    get publicJwk() {
      return publicJwkOf(current());
    },
    jwks: () => {
      current(); // a rotation that is due shows in the JWKS at once
      return published().map(publicJwkOf);
    },
    rotate() {
      store.transaction(() => {
        const now = nowMs();
        retire(current(), now);
        const next = newKeyRecord(rng, now);
        store.put('signingKeys', next.kid, next);
      });
    },
    async sign(claims, { issuer, audience, nowSeconds, ttlSeconds, subject }) {
      const key = current();
      const payload: JWTPayload = { ...claims, iss: issuer, aud: audience, iat: nowSeconds, exp: nowSeconds + ttlSeconds, ...(subject ? { sub: subject } : {}) };
      return signCompact({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' }, payload, privateKeyOf(key));
    },
    async verify(token, { issuer, audience, nowSeconds }) {
      const { kid } = decodeProtectedHeader(token);
      const key = typeof kid === 'string' ? published().find((k) => k.kid === kid) : undefined;
      if (!key) throw new Error(`no published signing key '${String(kid)}'`);
      const { payload } = await jwtVerify(token, await publicKeyOf(key), {
        issuer,
        audience,
        algorithms: [SIGNING_ALG],
        currentDate: new Date(nowSeconds * 1000),
      });
      return payload;
    },
  };
}
