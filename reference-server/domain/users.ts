import { scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { ServerContext } from '../context.ts';
import type { DeviceRecord, UserRecord } from '../store/records.ts';
import { randomId } from './ids.ts';

/** scrypt cost: low, because demo passwords guard a test server and tests hash many. */
const SCRYPT = { N: 1024, r: 8, p: 1 } as const;

function hash(password: string, salt: string): string {
  return scryptSync(password, salt, 32, SCRYPT).toString('hex');
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
    passwordHash: hash(password, salt),
    passwordSalt: salt,
    createdAt: context.nowMs(),
    otpFailures: 0,
    otpLockedUntil: null,
  };
  context.store.put('users', user.id, user);
  return user;
}

export function passwordMatches(user: UserRecord, password: string): boolean {
  const actual = Buffer.from(hash(password, user.passwordSalt), 'hex');
  return timingSafeEqual(actual, Buffer.from(user.passwordHash, 'hex'));
}

const scryptAsync = promisify(scrypt) as (password: string, salt: string, length: number, options: typeof SCRYPT) => Promise<Buffer>;

/** `checkCredentials` with the hash computed on libuv's thread pool, so other requests go on meanwhile. */
export async function checkCredentialsAsync(context: ServerContext, username: unknown, password: unknown): Promise<UserRecord | undefined> {
  if (typeof username !== 'string' || typeof password !== 'string' || username.length > 200 || password.length > 200) return undefined;
  const user = findUser(context, username);
  if (!user) return undefined;
  const actual = await scryptAsync(password, user.passwordSalt, 32, SCRYPT);
  return timingSafeEqual(actual, Buffer.from(user.passwordHash, 'hex')) ? user : undefined;
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
