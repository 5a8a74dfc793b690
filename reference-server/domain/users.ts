import { scrypt, type ScryptOptions, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { DEFAULT_PASSWORD_HASH_COST } from '../config.ts';
import type { ServerContext } from '../context.ts';
import type { DeviceRecord, UserRecord } from '../store/records.ts';
import { randomId } from './ids.ts';

const scryptOptions = (N: number): ScryptOptions => ({ N, r: 8, p: 1 });

/**
 * A stored hash: hex of scrypt(password, salt) at the default cost (config.ts
 * `passwordHashCost`), or `n<N>$<hex>` at another cost, so a hash is checked with the cost it
 * was made with whatever the server's setting is now.
 */
function storedHash(password: string, salt: string, cost: number): string {
  const hex = scryptSync(password, salt, 32, scryptOptions(cost)).toString('hex');
  return cost === DEFAULT_PASSWORD_HASH_COST ? hex : `n${cost}$${hex}`;
}

function parseStoredHash(stored: string): { cost: number; digest: Buffer } {
  const m = /^n(\d+)\$([0-9a-f]+)$/.exec(stored);
  return m ? { cost: Number(m[1]), digest: Buffer.from(m[2]!, 'hex') } : { cost: DEFAULT_PASSWORD_HASH_COST, digest: Buffer.from(stored, 'hex') };
}

export function findUser(context: ServerContext, username: string): UserRecord | undefined {
  const wanted = username.trim().toLowerCase();
  return context.store.find('users', 'username', wanted)[0];
}

export function createUser(context: ServerContext, username: string, password: string, displayName = username): UserRecord {
  const salt = Buffer.from(context.rng.bytes(16)).toString('hex');
  const user: UserRecord = {
    id: `u${randomId(context.rng, 15)}`,
    username: username.trim().toLowerCase(),
    displayName,
    passwordHash: storedHash(password, salt, context.config.passwordHashCost),
    passwordSalt: salt,
    createdAt: context.nowMs(),
    otpFailures: 0,
    otpLockedUntil: null,
  };
  context.store.put('users', user.id, user);
  return user;
}

export function passwordMatches(user: UserRecord, password: string): boolean {
  const { cost, digest } = parseStoredHash(user.passwordHash);
  return timingSafeEqual(scryptSync(password, user.passwordSalt, 32, scryptOptions(cost)), digest);
}

const scryptAsync = promisify(scrypt) as (password: string, salt: string, length: number, options: ScryptOptions) => Promise<Buffer>;

/** `checkCredentials` with the hash computed on libuv's thread pool, so other requests go on meanwhile. */
export async function checkCredentialsAsync(context: ServerContext, username: unknown, password: unknown): Promise<UserRecord | undefined> {
  if (typeof username !== 'string' || typeof password !== 'string' || username.length > 200 || password.length > 200) return undefined;
  const user = findUser(context, username);
  if (!user) return undefined;
  const { cost, digest } = parseStoredHash(user.passwordHash);
  // A cheap hash (a lowered cost) is quicker inline than a trip to the thread pool and back.
  const actual = cost < DEFAULT_PASSWORD_HASH_COST ? scryptSync(password, user.passwordSalt, 32, scryptOptions(cost)) : await scryptAsync(password, user.passwordSalt, 32, scryptOptions(cost));
  return timingSafeEqual(actual, digest) ? user : undefined;
}

/** The user, when username and password match; undefined otherwise (no hint which was wrong). */
export function checkCredentials(context: ServerContext, username: unknown, password: unknown): UserRecord | undefined {
  if (typeof username !== 'string' || typeof password !== 'string' || username.length > 200 || password.length > 200) return undefined;
  const user = findUser(context, username);
  return user && passwordMatches(user, password) ? user : undefined;
}

/** A fresh store gets the demo users; a store that has them keeps them as they are. */
export function seedDemoUsers(context: ServerContext): void {
  for (const demo of context.config.demoUsers) {
    if (!findUser(context, demo.username)) createUser(context, demo.username, demo.password, demo.displayName);
  }
}

/** The user's devices, in pairing order (PingOne orders devices by activation). */
export function devicesOf(context: ServerContext, userId: string): DeviceRecord[] {
  return context.store.find('devices', 'userId', userId).sort((a, b) => a.pairedAt - b.pairedAt);
}

/** The primary device: the one flagged, else the first paired. */
export function primaryDevice(context: ServerContext, userId: string): DeviceRecord | undefined {
  const devices = devicesOf(context, userId);
  return devices.find((d) => d.primary) ?? devices[0];
}
