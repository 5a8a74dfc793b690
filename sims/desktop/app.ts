/**
 * The simulated desktop authenticator (seed 002), written from the document: profiles (Add
 * Profile, name, Create), the Pairing Key field and Pair, Create PIN (Next) and re-enter (Done)
 * when the organisation asks, then the OTP with Copy and Refresh. Each profile has its own
 * pairing. The device API goes over the HTTP client it is given; no timers: the OTP shown is the
 * one computed when the screen opened or Refresh was clicked, at the injected clock's time.
 *
 *   const app = createDesktopApp({ clock, rng, http, server, clipboard });
 *   app.type('desktop-pairing-key-input', key); await app.tap('desktop-pair');
 *   app.snapshot().values['desktop-otp-value'];  await app.tap('desktop-otp-copy'); clipboard.text
 */
import type { ClaimKeyResponse, DeviceInfo, OtpSeed } from '../../models/device-api.ts';
import type { ErrorCode } from '../../models/error-codes.ts';
import type { Clock, Rng } from '../../models/runtime.ts';
import { desktop, type DesktopControlId, type DesktopScreenId, type ScreenSnapshot } from '../../models/testids.ts';
import { createHash } from 'node:crypto';
import { DeviceApiClient } from '../shared/device-client.ts';
import { GestureError, itemIndex } from '../shared/gesture-error.ts';
import type { HttpClient } from '../shared/http-client.ts';
import { memoryKeystore, readJson, writeJson, type Keystore } from '../shared/keystore.ts';
import { checkPin } from '../shared/pin-rules.ts';
import { cite } from '../shared/requirement.ts';
import { passcodeAt } from '../shared/totp.ts';
import { toSnapshot, type ControlView, type ScreenView } from '../shared/view.ts';
import { pinHint } from '../shared/pin-messages.ts';
import { pinRuleText, userMessage } from '../shared/user-messages.ts';

const S = desktop.screens;
const C = desktop.controls;

/** The desktop sim's deviations (models/deviations.ts, side 'desktop-sim'). */
export type DesktopDeviation =
  | 'desktop-accept-pin-mismatch'
  // issue 10: a build a person cannot use (each caught by a check reading the screen)
  | 'desktop-unstated-pin-rule'
  | 'desktop-server-error-text';

export interface Clipboard {
  write(text: string): void;
}
export function memoryClipboard(): Clipboard & { text: string } {
  const board = { text: '', write: (text: string) => void (board.text = text) };
  return board;
}

export interface DesktopAppOptions {
  clock: Clock;
  rng: Rng;
  http: HttpClient;
  /** The organisation's server origin (the desktop app is installed for one, seed 002 "Before you begin"). */
  server: string;
  keystore?: Keystore;
  clipboard?: Clipboard;
  deviations?: readonly DesktopDeviation[];
  host?: { name: string; platform: Extract<DeviceInfo['platform'], 'macos' | 'windows' | 'linux'> };
}

/** The profile used when the user creates none (seed 002 step 4: profiles are optional). */
export const DEFAULT_PROFILE = 'Default';

interface Profile {
  name: string;
  pairing?: {
    deviceId: string;
    deviceToken: string;
    organization: { id: string; name: string };
    username: string;
    otp: OtpSeed;
    pin?: { salt: string; hash: string };
  };
}

type View =
  | { screen: typeof S.pairing }
  | { screen: typeof S.profileCreate; error?: ErrorCode }
  | { screen: typeof S.pinCreate | typeof S.pinConfirm; error?: ErrorCode }
  | { screen: typeof S.otp; shown: string }
  | { screen: typeof S.error; code: ErrorCode; message: string };

export type DesktopView = ScreenView<DesktopScreenId, DesktopControlId>;

export interface DesktopApp {
  snapshot(): ScreenSnapshot<DesktopScreenId, DesktopControlId>;
  view(): DesktopView;
  visited(): DesktopScreenId[];
  tap(control: DesktopControlId, item?: number | string): Promise<void>;
  type(control: DesktopControlId, text: string): void;
  /** Profile names, in creation order, and which is shown. */
  profiles(): { names: string[]; current: string };
}

export function createDesktopApp(options: DesktopAppOptions): DesktopApp {
  return new DesktopAppCore(options);
}

const KEY = 'desktop-profiles';

class DesktopAppCore implements DesktopApp {
  readonly #o: Required<Omit<DesktopAppOptions, 'deviations'>> & { deviations: ReadonlySet<DesktopDeviation> };
  #view: View = { screen: S.pairing };
  #visited: DesktopScreenId[] = [];
  #current: string;
  #inputs: Partial<Record<DesktopControlId, string>> = {};
  #claim: { client: DeviceApiClient; claim: ClaimKeyResponse } | undefined;

  constructor(options: DesktopAppOptions) {
    this.#o = {
      clock: options.clock,
      rng: options.rng,
      http: options.http,
      server: options.server,
      keystore: options.keystore ?? memoryKeystore(),
      clipboard: options.clipboard ?? memoryClipboard(),
      deviations: new Set(options.deviations ?? []),
      host: options.host ?? { name: 'Desktop (sim)', platform: 'linux' }, // the host name the portal lists
    };
    if (this.#profiles().length === 0) this.#saveProfiles([{ name: DEFAULT_PROFILE }]);
    this.#current = this.#profiles()[0]!.name;
    this.#openProfile();
  }

  // ---- persistence ----

  #profiles(): Profile[] {
    return readJson<Profile[]>(this.#o.keystore, KEY, []);
  }
  #saveProfiles(profiles: Profile[]): void {
    writeJson(this.#o.keystore, KEY, profiles);
  }
  #profile(): Profile {
    return this.#profiles().find((p) => p.name === this.#current) ?? { name: this.#current };
  }

  // ---- observation ----

  snapshot(): ScreenSnapshot<DesktopScreenId, DesktopControlId> {
    return toSnapshot(this.view());
  }
  visited(): DesktopScreenId[] {
    return [...this.#visited];
  }
  profiles(): { names: string[]; current: string } {
    return { names: this.#profiles().map((p) => p.name), current: this.#current };
  }

  view(): DesktopView {
    const v = this.#view;
    const button = (id: DesktopControlId, text: string): ControlView<DesktopControlId> => ({ id, kind: 'button', text });
    const text = (id: DesktopControlId, value: string): ControlView<DesktopControlId> => ({ id, kind: 'text', text: value });
    const dots = (id: DesktopControlId): string => '•'.repeat((this.#inputs[id] ?? '').length);
    const profileBar: ControlView<DesktopControlId>[] = [
      text(C.profileName, this.#current),
      { id: C.profileItem, kind: 'button', text: '', items: this.#profiles().map((p) => ({ text: p.name })) },
      { id: C.addProfile, kind: 'button', text: 'Add Profile', secondary: true },
    ];
    const make = (title: string, body: string[], controls: ControlView<DesktopControlId>[]): DesktopView => ({ screen: v.screen, title, body, controls });
    switch (v.screen) {
      case S.pairing:
        return make('PingID', ['Enter the pairing key shown in the Desktop Setup window, then click Pair.'], [
          ...profileBar,
          { id: C.pairingKeyInput, kind: 'input', text: this.#inputs[C.pairingKeyInput] ?? '', label: 'Pairing Key', placeholder: 'e.g. 1234 5678 9012' },
          button(C.pair, 'Pair'),
        ]);
      case S.profileCreate:
        return make('Add Profile', ['Enter a name for the profile.'], [
          { id: C.profileNameInput, kind: 'input', text: this.#inputs[C.profileNameInput] ?? '', label: 'Profile name', placeholder: 'e.g. Work' },
          ...(v.error ? [text(C.errorCode, v.error)] : []),
          button(C.profileCreate, 'Create'),
          { id: C.errorBack, kind: 'button', text: 'Cancel', secondary: true },
        ]);
      case S.pinCreate:
        return make('Create PIN', [], [
          text(C.profileName, this.#current),
          // DSK-PAIR-PIN-RULE-SHOWN (seed 002 step 5.1): the length and the different-digit rule, before the user types.
          ...(this.#o.deviations.has('desktop-unstated-pin-rule') ? [] : [text(C.pinRule, this.#pinRule())]), // deviation, see models/deviations.ts
          { id: C.pinInput, kind: 'pin', text: dots(C.pinInput), label: 'Enter PIN', ...this.#pinPlaceholder() },
          ...(v.error ? [{ ...text(C.pinError, v.error), ...pinHint(v.error) }] : []),
          button(C.pinNext, 'Next'),
        ]);
      case S.pinConfirm:
        return make('Re-enter PIN', ['Enter the same PIN again.'], [
          text(C.profileName, this.#current),
          { id: C.pinConfirmInput, kind: 'pin', text: dots(C.pinConfirmInput), label: 'Re-enter PIN', ...this.#pinPlaceholder() },
          button(C.pinDone, 'Done'),
        ]);
      case S.otp: {
        const pairing = this.#profile().pairing;
        return make(pairing?.organization.name ?? 'PingID', [pairing ? `Signed on as ${pairing.username}` : ''], [
          ...profileBar,
          text(C.otpValue, v.shown),
          button(C.otpCopy, 'Copy'),
          button(C.otpRefresh, 'Refresh'),
        ]);
      }
      case S.error:
        return make('Something went wrong', [], [text(C.errorCode, v.code), text(C.errorMessage, v.message), { id: C.errorBack, kind: 'button', text: 'Back', secondary: true }]);
    }
  }

  /** The organisation's PIN rule as the Create PIN screen states it (seed 002 step 5). */
  #pinRule(): string {
    const req = this.#claim?.claim.requirements;
    if (!req || req.pinLength === 0) return 'Digits only, not in ascending or descending sequence.';
    return pinRuleText(req.pinLength, req.pinLength === 4 ? req.pinDistinctDigits4 : req.pinDistinctDigits6);
  }

  #pinPlaceholder(): { placeholder?: string } {
    const length = this.#claim?.claim.requirements.pinLength;
    return length ? { placeholder: `${length} digits` } : {};
  }

  // ---- gestures ----

  type(control: DesktopControlId, value: string): void {
    const field = this.view().controls.find((c) => c.id === control);
    if (!field || (field.kind !== 'input' && field.kind !== 'pin')) throw new GestureError(this.#view.screen, control, 'is not a field on this screen');
    this.#inputs[control] = value;
  }

  async tap(control: DesktopControlId, item?: number | string): Promise<void> {
    const offered = this.view().controls.find((c) => c.id === control);
    if (!offered || offered.kind === 'text') throw new GestureError(this.#view.screen, control);
    const index = offered.items ? itemIndex(offered.items.map((i) => i.text), item) : 0;
    if (index === undefined) throw new GestureError(this.#view.screen, control, `has no item ${String(item)}`);
    switch (control) {
      case C.addProfile:
        this.#inputs[C.profileNameInput] = '';
        return this.#show({ screen: S.profileCreate });
      case C.profileCreate:
        return this.#createProfile();
      case C.profileItem:
        this.#current = this.#profiles()[index]!.name;
        return this.#openProfile();
      case C.pair:
        return this.#pair();
      case C.pinNext:
        return this.#pinNext();
      case C.pinDone:
        return this.#pinDone();
      case C.otpRefresh:
        cite('DSK-PAIR-OTP-REFRESH');
        return this.#showOtp();
      case C.otpCopy:
        if (this.#view.screen === S.otp) {
          cite('DSK-PAIR-OTP-COPY');
          this.#o.clipboard.write(this.#view.shown);
        }
        return;
      case C.errorBack:
        this.#claim = undefined;
        return this.#openProfile();
      default:
        throw new GestureError(this.#view.screen, control, 'does nothing here');
    }
  }

  // ---- steps ----

  #show(view: View): void {
    this.#view = view;
    this.#visited.push(view.screen);
  }

  #fail(code: ErrorCode, message: string): void {
    this.#show({ screen: S.error, code, message });
  }

  #openProfile(): void {
    if (this.#profile().pairing) return this.#showOtp();
    this.#inputs[C.pairingKeyInput] = '';
    this.#show({ screen: S.pairing });
  }

  #showOtp(): void {
    const pairing = this.#profile().pairing;
    if (!pairing) return this.#openProfile();
    this.#show({ screen: S.otp, shown: passcodeAt(pairing.otp, this.#o.clock).code });
  }

  #createProfile(): void {
    cite('DSK-PAIR-PROFILE-CREATE');
    const name = (this.#inputs[C.profileNameInput] ?? '').trim();
    if (name === '' && cite('DSK-PAIR-PROFILE-NAME-REQUIRED')) return this.#show({ screen: S.profileCreate, error: 'PROFILE_NAME_REQUIRED' });
    const profiles = this.#profiles();
    if (profiles.some((p) => p.name === name)) return this.#show({ screen: S.profileCreate, error: 'PROFILE_NAME_TAKEN' });
    this.#saveProfiles([...profiles, { name }]);
    this.#current = name;
    this.#openProfile(); // "The Desktop app shows the name of the profile and the Pairing Key field."
  }

  async #pair(): Promise<void> {
    cite('DSK-PAIR-KEY-ENTRY');
    const key = this.#inputs[C.pairingKeyInput] ?? '';
    if (key.trim() === '') return this.#fail('PAIRING_KEY_INVALID', 'Enter the pairing key from the Desktop Setup window.');
    const client = new DeviceApiClient(this.#o.http, this.#o.server);
    const claimed = await client.claimKey(key);
    if (!claimed.ok) {
      cite('DSK-PAIR-KEY-WRONG');
      if (this.#o.deviations.has('desktop-server-error-text')) return this.#fail(claimed.code, claimed.message); // deviation, see models/deviations.ts
      return this.#fail(claimed.code, userMessage(claimed.code, 'Pairing failed. Check the key and try again.'));
    }
    this.#claim = { client, claim: claimed.value };
    if (claimed.value.requirements.pinLength !== 0 && cite('DSK-PAIR-PIN-REQUIRED')) {
      this.#inputs[C.pinInput] = '';
      return this.#show({ screen: S.pinCreate });
    }
    return this.#complete(undefined);
  }

  #pinNext(): void {
    const req = this.#claim?.claim.requirements;
    if (!req || req.pinLength === 0) return this.#openProfile();
    cite('DSK-PAIR-PIN-LENGTH');
    cite('DSK-PAIR-PIN-DISTINCT-DIGITS');
    cite('DSK-PAIR-PIN-NO-SEQUENCE');
    cite('DSK-PAIR-PIN-REJECTED-EXAMPLES');
    const distinctDigits = req.pinLength === 4 ? req.pinDistinctDigits4 : req.pinDistinctDigits6;
    const checked = checkPin(this.#inputs[C.pinInput] ?? '', { length: req.pinLength, distinctDigits });
    if (!checked.ok) return this.#show({ screen: S.pinCreate, error: checked.code });
    this.#inputs[C.pinConfirmInput] = '';
    this.#show({ screen: S.pinConfirm });
  }

  async #pinDone(): Promise<void> {
    const pin = this.#inputs[C.pinInput] ?? '';
    const again = this.#inputs[C.pinConfirmInput] ?? '';
    const acceptMismatch = this.#o.deviations.has('desktop-accept-pin-mismatch'); // deviation, see models/deviations.ts
    if (again !== pin && !acceptMismatch) {
      cite('DSK-PAIR-PIN-CONFIRM');
      this.#inputs[C.pinInput] = '';
      return this.#show({ screen: S.pinCreate, error: 'PIN_MISMATCH' });
    }
    return this.#complete(pin);
  }

  async #complete(pin: string | undefined): Promise<void> {
    const claim = this.#claim;
    if (!claim) return this.#openProfile();
    this.#claim = undefined;
    const req = claim.claim.requirements;
    const completed = await claim.client.completePairing({
      claimToken: claim.claim.claimToken,
      device: { kind: 'desktop', name: this.#o.host.name, platform: this.#o.host.platform, profile: this.#current },
      pin: { configured: pin !== undefined, length: pin === undefined ? 0 : req.pinLength },
      location: { permission: 'not-asked' },
      biometrics: { enrolled: false },
    });
    this.#inputs = {};
    if (!completed.ok) return this.#fail(completed.code, userMessage(completed.code, 'Pairing failed. Try again with a new key.'));
    const salt = Buffer.from(this.#o.rng.bytes(16)).toString('hex');
    const p = completed.value;
    const pairing: Profile['pairing'] = {
      deviceId: p.deviceId,
      deviceToken: p.deviceToken,
      organization: p.organization,
      username: p.username,
      otp: p.otp,
      ...(pin === undefined ? {} : { pin: { salt, hash: createHash('sha256').update(`${salt}:${pin}`).digest('hex') } }),
    };
    this.#saveProfiles(this.#profiles().map((profile) => (profile.name === this.#current ? { ...profile, pairing } : profile)));
    cite('DSK-PAIR-OTP-AFTER-PAIR');
    cite('DSK-PAIR-OTP-SHOWN');
    this.#showOtp();
  }
}
