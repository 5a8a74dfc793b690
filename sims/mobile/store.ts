/**
 * What the mobile app keeps between launches, all in its keystore: permissions answered,
 * paired accounts (device token, OTP seed), the app PIN (salted hash), the PIN lockout, and
 * the Creds wallet. Nothing here survives a reinstall (a fresh keystore).
 */
import { createHash } from 'node:crypto';
import type { Credential, OtpSeed, PairingRequirements } from '../../models/device-api.ts';
import type { Rng } from '../../models/runtime.ts';
import { readJson, writeJson, type Keystore } from '../shared/keystore.ts';

export interface Permissions {
  notifications?: 'granted' | 'denied';
  camera?: 'granted' | 'denied';
  location?: 'granted' | 'denied';
  biometricConsent?: boolean;
}

export interface Account {
  deviceId: string;
  deviceToken: string;
  server: string;
  organization: { id: string; name: string };
  username: string;
  otp: OtpSeed;
  requirements: PairingRequirements;
  pairedAt: number;
}

export interface StoredPin {
  salt: string;
  hash: string;
  length: 4 | 6;
  distinct: number;
}

export interface PinLockout {
  failures: number;
  blockedUntil: number;
}

export interface WalletPairing {
  issuer: { id: string; name: string };
  walletToken: string;
  server: string;
}

export interface HeldCredential {
  credential: Credential;
  receivedAt: number;
  opened: boolean;
}

export interface Wallet {
  walletId: string;
  pairings: WalletPairing[];
  creds: HeldCredential[];
}

const KEYS = {
  onboarded: 'onboarded',
  permissions: 'permissions',
  accounts: 'accounts',
  pin: 'pin',
  lockout: 'pin-lockout',
  wallet: 'wallet',
} as const;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export class MobileStore {
  constructor(
    private readonly keystore: Keystore,
    private readonly rng: Rng,
  ) {}

  get onboarded(): boolean {
    return this.keystore.get(KEYS.onboarded) === 'yes';
  }
  set onboarded(value: boolean) {
    if (value) this.keystore.set(KEYS.onboarded, 'yes');
    else this.keystore.delete(KEYS.onboarded);
  }

  permissions(): Permissions {
    return readJson<Permissions>(this.keystore, KEYS.permissions, {});
  }
  setPermission<K extends keyof Permissions>(name: K, value: Permissions[K]): void {
    writeJson(this.keystore, KEYS.permissions, { ...this.permissions(), [name]: value });
  }

  accounts(): Account[] {
    return readJson<Account[]>(this.keystore, KEYS.accounts, []);
  }
  saveAccount(account: Account): void {
    writeJson(this.keystore, KEYS.accounts, [...this.accounts().filter((a) => a.deviceId !== account.deviceId), account]);
  }
  removeAccount(deviceId: string): void {
    writeJson(this.keystore, KEYS.accounts, this.accounts().filter((a) => a.deviceId !== deviceId));
  }

  pin(): StoredPin | undefined {
    return readJson<StoredPin | undefined>(this.keystore, KEYS.pin, undefined);
  }
  setPin(pin: string): void {
    const salt = hex(this.rng.bytes(16));
    const stored: StoredPin = { salt, hash: hashPin(salt, pin), length: pin.length === 6 ? 6 : 4, distinct: new Set(pin).size };
    writeJson(this.keystore, KEYS.pin, stored);
  }
  pinMatches(pin: string): boolean {
    const stored = this.pin();
    return stored !== undefined && hashPin(stored.salt, pin) === stored.hash;
  }

  lockout(): PinLockout {
    return readJson<PinLockout>(this.keystore, KEYS.lockout, { failures: 0, blockedUntil: 0 });
  }
  setLockout(lockout: PinLockout): void {
    writeJson(this.keystore, KEYS.lockout, lockout);
  }

  wallet(): Wallet {
    const existing = readJson<Wallet | undefined>(this.keystore, KEYS.wallet, undefined);
    if (existing) return existing;
    const created: Wallet = { walletId: `wallet-${hex(this.rng.bytes(8))}`, pairings: [], creds: [] };
    writeJson(this.keystore, KEYS.wallet, created);
    return created;
  }
  saveWallet(wallet: Wallet): void {
    writeJson(this.keystore, KEYS.wallet, wallet);
  }
}

function hashPin(salt: string, pin: string): string {
  return createHash('sha256').update(`${salt}:${pin}`).digest('hex');
}
