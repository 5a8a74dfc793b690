import { createHash } from 'node:crypto';
import type { Rng } from '../../models/runtime.ts';

const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An id safe in URLs and flow ids (`^[a-zA-Z0-9]{1,30}$`, protocol facts §1). */
export function randomId(rng: Rng, length = 20): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[rng.int(0, alphabet.length - 1)];
  return id;
}

/** A bearer token: 32 random bytes, base64url. */
export function randomToken(rng: Rng): string {
  return Buffer.from(rng.bytes(32)).toString('base64url');
}

export function sha256hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A pairing key: digits, or unambiguous upper-case letters and digits (policy `pairingKey.format`). */
export function randomKey(rng: Rng, format: 'numeric' | 'alphanumeric', length: number): string {
  const alphabet = format === 'numeric' ? '0123456789' : ALPHANUMERIC;
  let key = '';
  for (let i = 0; i < length; i++) key += alphabet[rng.int(0, alphabet.length - 1)];
  return key;
}

/** Groups of four for reading aloud and typing: `1234 5678 9012`. */
export function groupKey(key: string): string {
  return key.replace(/(.{4})(?=.)/g, '$1 ');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (what TOTP apps read). */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
