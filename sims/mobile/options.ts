/**
 * The mobile sim's inputs: all optional except the clock, the random source and the HTTP
 * client, resolved once into a fully specified form. Defaults in one place, each commented.
 */
import type { DeviceInfo } from '../../models/device-api.ts';
import type { Clock, Rng } from '../../models/runtime.ts';
import type { HttpClient } from '../shared/http-client.ts';
import { memoryKeystore, type Keystore } from '../shared/keystore.ts';

/** The mobile sim's deviations (models/deviations.ts, side 'mobile-sim'). */
export type MobileDeviation =
  | 'accept-sequential-pin'
  | 'share-unselected-optional'
  | 'new-label-never-expires'
  // issue 10: a build a person cannot use (each caught by a check reading the screen)
  | 'request-hides-passcode'
  | 'request-without-origin'
  | 'unstated-pin-rule';

/** The phone the app runs on. Read live, so a test may change it between gestures. */
export interface Platform {
  /** Shown to the organisation as the device name (seed 000: "iPhone 15"). */
  name: string;
  os: Extract<DeviceInfo['platform'], 'ios' | 'android' | 'web'>;
  biometrics: {
    /** Fingerprint or face set up on the phone (seed 000 "Before you begin" 3). */
    enrolled: boolean;
    /** What the sensor answers next: a match or not. */
    matches: boolean;
  };
  /** The phone's own screen lock (seed 003: "a biometrics lock ... or a PIN defined on your mobile device"). */
  deviceLock: { kind: 'pin' | 'biometrics' | 'none'; verifies: boolean };
  /** Reported when location is allowed (seed 000 step 9). */
  location: { latitude: number; longitude: number };
}

export interface MobileAppOptions {
  clock: Clock;
  rng: Rng;
  http: HttpClient;
  /** The organisation's server origin, used when a QR code or key names none. */
  server?: string;
  /** The app's secure storage; pass the same one to "relaunch", a fresh one to "reinstall". */
  keystore?: Keystore;
  deviations?: readonly MobileDeviation[];
  platform?: Partial<Platform>;
}

export interface ResolvedMobileOptions {
  clock: Clock;
  rng: Rng;
  http: HttpClient;
  server: string | undefined;
  keystore: Keystore;
  deviations: ReadonlySet<MobileDeviation>;
  platform: Platform;
}

export const defaultPlatform: Platform = {
  name: 'iPhone 15 (sim)', // what the portal's device list shows
  os: 'ios',
  biometrics: { enrolled: true, matches: true }, // a phone with Face ID set up that recognises its owner
  deviceLock: { kind: 'pin', verifies: true }, // seed 003 needs a device lock to pair Creds
  location: { latitude: 48.8566, longitude: 2.3522 },
};

/** App-side PIN lockout (protocol facts §4: 3 wrong PINs block entry for 2 minutes, surviving relaunch). */
export const PIN_MAX_ATTEMPTS = 3;
export const PIN_BLOCK_MS = 120_000;
/** Creds "New" label lifetime (seed 003: "the first 24 hours, or until they are opened"). */
export const NEW_LABEL_MS = 24 * 3600 * 1000;

export function resolveMobileOptions(options: MobileAppOptions): ResolvedMobileOptions {
  const platform: Platform = { ...defaultPlatform, ...options.platform };
  return {
    clock: options.clock,
    rng: options.rng,
    http: options.http,
    server: options.server,
    keystore: options.keystore ?? memoryKeystore(),
    deviations: new Set(options.deviations ?? []),
    platform,
  };
}
