/**
 * The server's signing key: one P-256 key (ES256) derived from the injected Rng, so a seeded
 * run signs with the same key every time. Tokens are made and checked with `jose`; no
 * hand-written crypto here beyond deriving the public point (node:crypto ECDH).
 */
import { createECDH, createPrivateKey, createPublicKey, type JsonWebKey as NodeJwk } from 'node:crypto';
import { SignJWT, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { Rng } from '../../models/runtime.ts';
import { sha256hex } from '../domain/ids.ts';

export const SIGNING_ALG = 'ES256';

export interface SigningKeys {
  kid: string;
  publicJwk: JWK;
  sign(claims: JWTPayload, options: { issuer: string; audience: string; nowSeconds: number; ttlSeconds: number; subject?: string }): Promise<string>;
  verify(token: string, options: { issuer: string; audience: string; nowSeconds: number }): Promise<JWTPayload>;
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

/** Synchronous, so that `build()` returns the Fastify instance itself. */
export function createSigningKeys(rng: Rng): SigningKeys {
  const { d, x, y } = p256FromRng(rng);
  const publicJwk: JWK = { kty: 'EC', crv: 'P-256', x: x.toString('base64url'), y: y.toString('base64url') };
  const kid = sha256hex(`${publicJwk.x}.${publicJwk.y}`).slice(0, 16);
  const privateKey = createPrivateKey({ key: { ...publicJwk, d: d.toString('base64url') } as NodeJwk, format: 'jwk' });
  const publicKey = createPublicKey({ key: publicJwk as NodeJwk, format: 'jwk' });
  return {
    kid,
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' },
    async sign(claims, { issuer, audience, nowSeconds, ttlSeconds, subject }) {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + ttlSeconds);
      if (subject) jwt.setSubject(subject);
      return jwt.sign(privateKey);
    },
    async verify(token, { issuer, audience, nowSeconds }) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer,
        audience,
        algorithms: [SIGNING_ALG],
        currentDate: new Date(nowSeconds * 1000),
      });
      return payload;
    },
  };
}
