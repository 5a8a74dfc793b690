/**
 * The simulated mobile authenticator (seeds 000, 001, 003), written from the documents as a
 * third party would write the app: screens in the documented order, gestures named after the
 * testID contract's controls, the device API over the HTTP client it is given, and no timers
 * (time passes when the caller's clock moves; requests arrive when the caller `refresh()`es).
 *
 * A driver uses it as a person uses a phone:
 *   const app = createMobileApp({ clock, rng, http, server });
 *   await app.tap('welcome-continue'); ...; await app.scan(pngBytes); app.type('pin-input', '1357');
 *   app.snapshot()  // { screen: 'mobile-pin-create', values: { 'pin-error': 'PIN_SEQUENCE', ... } }
 */
import { decodeQr, type QrPayload } from '../../models/qr.ts';
import type { ClaimKeyResponse, DeviceInfo, DeviceRequest, PresentationRequest } from '../../models/device-api.ts';
import type { ErrorCode } from '../../models/error-codes.ts';
import { mobile, type MobileControlId, type MobileScreenId, type ScreenSnapshot } from '../../models/testids.ts';
import { checkPin } from '../shared/pin-rules.ts';
import { credentialFits, initialSelection, sharedFields, toggleField, type ShareSelection } from '../shared/creds-share.ts';
import { DeviceApiClient } from '../shared/device-client.ts';
import { GestureError, itemIndex } from '../shared/gesture-error.ts';
import { cite } from '../shared/requirement.ts';
import { readQrText, type ScanImage } from '../shared/scan.ts';
import { userMessage } from '../shared/user-messages.ts';
import { toSnapshot } from '../shared/view.ts';
import { NEW_LABEL_MS, PIN_BLOCK_MS, PIN_MAX_ATTEMPTS, resolveMobileOptions, type MobileAppOptions, type ResolvedMobileOptions } from './options.ts';
import { MobileStore, type Account, type HeldCredential } from './store.ts';
import { buildView, type MobileView, type View } from './views.ts';

const S = mobile.screens;
const C = mobile.controls;

/** A pairing between the key claim and completion (seed 000 steps 7-9). */
interface PairingInProgress {
  client: DeviceApiClient;
  server: string;
  claim: ClaimKeyResponse;
  /** The new PIN, held only until pairing completes; `reuse` when the app PIN already fits. */
  pin?: { value: string } | { reuse: true };
  location?: 'granted' | 'denied' | 'not-asked';
}

/** An approval being put together: biometrics and PIN checked in turn, then sent. */
interface Approval {
  deviceId: string;
  request: DeviceRequest;
  method: 'tap' | 'notification' | 'biometrics';
  biometricVerified: boolean;
  pinVerified: boolean;
  /** Opened from the notification: the PIN unlocks the request, which then shows (seed 000 step 8 note). */
  openOnly?: boolean;
}

export interface RefreshResult {
  /** Authentication requests newly seen. */
  requests: number;
  /** Creds newly received. */
  creds: number;
}

export interface MobileApp {
  /** The current screen and its visible values, by the testID contract. */
  snapshot(): ScreenSnapshot<MobileScreenId, MobileControlId>;
  /** The same screen with titles, texts and control kinds: what the web build renders. */
  view(): MobileView;
  /** Every screen shown so far, in order (the OTP screen before the request that follows it, for instance). */
  visited(): MobileScreenId[];
  /** Taps a control; `item` picks one of a repeated control (index, or its text / field name). */
  tap(control: MobileControlId, item?: number | string): Promise<void>;
  /** Types into a field on the current screen (replacing what was there). */
  type(control: MobileControlId, text: string): void;
  /** Points the camera at an image (PNG bytes or raw RGBA) on the capture screen. */
  scan(image: ScanImage): Promise<void>;
  /** The camera already decoded a code (the web build decodes frames in the page with jsQR). */
  scanText(text: string): Promise<void>;
  /** Checks the server for authentication requests and new Creds (what a push would trigger). */
  refresh(): Promise<RefreshResult>;
  /**
   * The system notification of the oldest pending authentication request (seed 001: "Tapping
   * Approve in the notification"): 'open' brings the app to the request, 'approve' approves from
   * the notification (the PIN is still asked when one is set). Returns false when none is pending.
   */
  notification(action: 'open' | 'approve'): Promise<boolean>;
  /** Paired organisations, as the Authentication tab lists them. */
  accounts(): readonly Pick<Account, 'deviceId' | 'organization' | 'username'>[];
}

export function createMobileApp(options: MobileAppOptions): MobileApp {
  return new MobileAppCore(resolveMobileOptions(options));
}

class MobileAppCore implements MobileApp {
  readonly #o: ResolvedMobileOptions;
  readonly #store: MobileStore;
  #view: View;
  #visited: MobileScreenId[] = [];
  #inputs: Partial<Record<MobileControlId, string>> = {};
  #pairing: PairingInProgress | undefined;
  #approval: Approval | undefined;
  #queue: { deviceId: string; request: DeviceRequest }[] = [];
  #seen = new Set<string>();
  /** The request whose PIN was entered when the app opened from its notification (not asked again). */
  #unlocked: string | undefined;
  /** The screen Scan was tapped on: Back and refused codes return there. */
  #scanFrom: View | undefined;
  /** Accounts whose server no longer knows this device (it was reset, or the device removed there). */
  #forgotten = new Set<string>();

  constructor(options: ResolvedMobileOptions) {
    this.#o = options;
    this.#store = new MobileStore(options.keystore, options.rng);
    this.#view = { screen: S.welcome };
    this.#show(this.#home());
  }

  // ---- observation ----

  snapshot(): ScreenSnapshot<MobileScreenId, MobileControlId> {
    return toSnapshot(this.view());
  }

  view(): MobileView {
    return buildView(this.#view, {
      now: this.#o.clock.now(),
      clock: this.#o.clock,
      inputs: this.#inputs,
      accounts: this.#store.accounts(),
      wallet: this.#store.wallet(),
      onboarded: this.#store.onboarded,
      biometricsEnrolled: this.#o.platform.biometrics.enrolled,
      pinRule: this.#pinRule(),
      deviations: this.#o.deviations,
      forgotten: this.#forgotten,
      isNew: (held) => this.#isNew(held),
    });
  }

  visited(): MobileScreenId[] {
    return [...this.#visited];
  }

  accounts(): readonly Pick<Account, 'deviceId' | 'organization' | 'username'>[] {
    return this.#store.accounts().map(({ deviceId, organization, username }) => ({ deviceId, organization, username }));
  }

  // ---- gestures ----

  type(control: MobileControlId, text: string): void {
    const field = this.view().controls.find((c) => c.id === control);
    if (!field || (field.kind !== 'input' && field.kind !== 'pin')) throw new GestureError(this.#view.screen, control, 'is not a field on this screen');
    this.#inputs[control] = text;
  }

  async tap(control: MobileControlId, item?: number | string): Promise<void> {
    const offered = this.view().controls.find((c) => c.id === control);
    if (!offered) throw new GestureError(this.#view.screen, control);
    const index = offered.items ? itemIndex(offered.items.map((i) => i.text), item) : undefined;
    if (offered.items && index === undefined) throw new GestureError(this.#view.screen, control, `has no item ${String(item)}`);
    await this.#onTap(control, index ?? 0);
  }

  async scan(image: ScanImage): Promise<void> {
    this.#requireScreen(S.capture, 'scan');
    const text = readQrText(image);
    if (text === undefined) {
      cite('MOB-PAIR-QR-INVALID');
      return this.#fail('QR_UNREADABLE', 'No QR code could be read in this image. Try again.', this.#scanOrigin());
    }
    await this.#scanned(text);
  }

  async scanText(text: string): Promise<void> {
    this.#requireScreen(S.capture, 'scan');
    await this.#scanned(text);
  }

  async refresh(): Promise<RefreshResult> {
    const result: RefreshResult = { requests: 0, creds: 0 };
    const now = this.#o.clock.now();
    let credsNotified = false;
    for (const account of this.#store.accounts()) {
      const listed = await new DeviceApiClient(this.#o.http, account.server).listRequests(account.deviceToken);
      // Issue 10: a server that no longer knows this device (reset, or the device removed there) is said so on
      // the account, with what to do; offline, the list simply stays as it was.
      if (!listed.ok && listed.code === 'UNAUTHORIZED') this.#forgotten.add(account.deviceId);
      if (!listed.ok) continue;
      this.#forgotten.delete(account.deviceId);
      // Requests the server no longer lists (answered elsewhere, e.g. signed on with the passcode) leave the queue:
      // old requests must not pile up (issue 10).
      const pending = new Set(listed.value.requests.map((r) => r.id));
      this.#queue = this.#queue.filter((q) => q.deviceId !== account.deviceId || pending.has(q.request.id));
      for (const request of listed.value.requests) {
        if (request.kind !== 'authentication') {
          credsNotified = true;
          continue;
        }
        if (this.#seen.has(request.id) || Date.parse(request.expiresAt) <= now) continue;
        this.#seen.add(request.id);
        this.#queue.push({ deviceId: account.deviceId, request });
        result.requests++;
        cite('MOB-AUTH-NOTIFICATION');
      }
    }
    if (credsNotified || this.#store.wallet().pairings.length > 0) result.creds = await this.#fetchCreds();
    this.#showNextRequestIfIdle();
    return result;
  }

  async notification(action: 'open' | 'approve'): Promise<boolean> {
    const now = this.#o.clock.now();
    this.#queue = this.#queue.filter((q) => Date.parse(q.request.expiresAt) > now && this.#account(q.deviceId) !== undefined);
    const next = this.#queue.shift();
    if (next) this.#show({ screen: S.authRequest, deviceId: next.deviceId, request: next.request });
    else if (this.#view.screen !== S.authRequest) return false; // nothing pending (a request already on screen is the notified one)
    if (action === 'approve') {
      cite('MOB-AUTH-APPROVE-NOTIFICATION');
      await this.#startApproval('notification');
      return true;
    }
    // Opening the app from the notification: with a PIN set, PIN entry comes first (seed 000 step 8 note).
    const view = this.#view;
    const account = view.screen === S.authRequest ? this.#account(view.deviceId) : undefined;
    if (view.screen === S.authRequest && account && account.requirements.pinLength !== 0 && this.#unlocked !== view.request.id && cite('MOB-PAIR-PIN-EVERY-AUTH')) {
      this.#approval = { deviceId: view.deviceId, request: view.request, method: 'tap', biometricVerified: false, pinVerified: false, openOnly: true };
      this.#showPinEntry();
    }
    return true;
  }

  // ---- tap handlers, by screen ----

  async #onTap(control: MobileControlId, index: number): Promise<void> {
    const view = this.#view;
    switch (control) {
      // Seed 000 steps 2-4: welcome, notifications and their system prompt.
      case C.termsLink:
        return; // opens the terms of service in the browser; the screen stays
      case C.welcomeContinue:
        cite('MOB-PAIR-TERMS-CONTINUE');
        return this.#show({ screen: S.notifications });
      case C.notificationsContinue:
        return this.#show({ screen: S.notificationsPrompt });
      case C.notificationsAllow:
        if (view.screen === S.notificationsPrompt && view.creds) return this.#credsPermissions(view.creds, true);
        this.#store.setPermission('notifications', 'granted');
        this.#store.onboarded = true;
        cite('MOB-PAIR-NOTIFICATIONS-ALLOW');
        return this.#show({ screen: S.scan });
      case C.notificationsDeny:
        if (view.screen === S.notificationsPrompt && view.creds) return this.#credsPermissions(view.creds, false);
        this.#store.setPermission('notifications', 'denied');
        cite('MOB-PAIR-NOTIFICATIONS-DENY'); // notifications are required: back to the explanation
        return this.#show({ screen: S.notifications });
      // Seed 000 steps 5-7: Scan, camera permission, capture, or Enter Pairing Key.
      case C.scan:
        return this.#startCamera();
      case C.cameraAllow:
        this.#store.setPermission('camera', 'granted');
        cite('MOB-PAIR-CAMERA-ALLOW');
        return this.#show({ screen: S.capture });
      case C.cameraDeny:
        this.#store.setPermission('camera', 'denied');
        return this.#cameraDenied();
      case C.captureBack:
        return this.#show(this.#scanOrigin());
      case C.enterPairingKey:
        this.#inputs[C.pairingKeyInput] = '';
        return this.#show({ screen: S.enterKey });
      case C.pairingKeySubmit:
        cite('MOB-PAIR-KEY-ENTRY');
        return this.#claim(this.#inputs[C.pairingKeyInput] ?? '', undefined);
      // Seed 000 step 8: Create a PIN, re-enter it.
      case C.pinNext:
        return this.#pinNext();
      case C.pinConfirmDone:
        return this.#pinConfirm();
      // Seed 000 step 9: location.
      case C.locationContinue:
        return this.#show({ screen: S.locationPrompt });
      case C.locationAllow:
      case C.locationDeny: {
        const permission = control === C.locationAllow ? 'granted' : 'denied';
        this.#store.setPermission('location', permission);
        // Required and refused: pairing does not complete; the app asks again (seed 000 step 9).
        if (permission === 'denied' && this.#pairing?.claim.requirements.locationRequired && cite('MOB-PAIR-LOCATION-REQUIRED')) {
          return this.#show({ screen: S.location, notice: { code: 'LOCATION_REQUIRED', message: 'Your organization requires your location to complete pairing. Tap Continue and allow location access.' } });
        }
        if (this.#pairing) this.#pairing.location = permission;
        return this.#continuePairing();
      }
      // Seed 000 step 10 and seed 001: the authentication request.
      case C.approve:
        return this.#startApproval('tap');
      case C.useBiometrics:
        return this.#startApproval('biometrics');
      case C.deny:
        return this.#deny();
      case C.authUsePasscode:
        // Seed 001: approve the request OR enter the passcode shown in the app. The request is set aside here
        // (not denied): the portal's "Use a passcode instead" takes the code, and the server closes the request.
        if (view.screen === S.authRequest) return this.#show({ screen: S.otp, deviceId: view.deviceId });
        return;
      case C.biometricAllow:
        this.#store.setPermission('biometricConsent', true);
        cite('MOB-PAIR-BIOMETRIC-CONSENT');
        return this.#continueApproval();
      case C.biometricDeny:
        this.#store.setPermission('biometricConsent', false);
        return this.#backToRequest();
      case C.pinEntrySubmit:
        return this.#pinEntry();
      case C.successClose:
        return this.#show(this.#home());
      case C.errorBack:
        return this.#show(view.screen === S.error ? view.back : this.#home());
      // The Authentication tab, the passcode, unpairing.
      case C.tabAuthentication:
        return this.#show({ screen: S.accounts });
      case C.accountItem: {
        const account = this.#store.accounts()[index];
        if (account) this.#show({ screen: S.otp, deviceId: account.deviceId });
        return;
      }
      case C.unpair:
        return this.#unpair();
      // Creds (seed 003).
      case C.tabCreds:
        return this.#show({ screen: S.credsList });
      case C.credItem:
        return this.#openCred(index);
      case C.credBack:
        return this.#show({ screen: S.credsList });
      case C.credExport:
        cite('CREDS-NO-BACKUP');
        return this.#fail('CREDS_NOT_EXPORTABLE', 'Creds are stored on this device only and cannot be backed up or moved. Ask the issuer to reissue them to a new device.', view);
      case C.credsPairApprove:
        return this.#credsPair();
      case C.shareOptionalField:
      case C.shareOptionalCheckbox:
      case C.shareRequiredField:
        return this.#toggleShare(control, index);
      case C.shareSubmit:
        return this.#share();
      default:
        throw new GestureError(view.screen, control, 'does nothing here');
    }
  }

  // ---- navigation helpers ----

  #show(view: View): void {
    this.#view = view;
    this.#visited.push(view.screen);
  }

  #home(): View {
    // Onboarded: the Authentication tab (empty until an organisation is paired; it has Scan).
    return this.#store.onboarded ? { screen: S.accounts } : { screen: S.welcome };
  }

  /** Where Scan was tapped (the Scan screen while pairing the first organisation, else a home tab). */
  #scanOrigin(): View {
    return this.#scanFrom ?? (this.#store.accounts().length > 0 ? { screen: S.accounts } : { screen: S.scan });
  }

  #requireScreen(screen: MobileScreenId, gesture: string): void {
    if (this.#view.screen !== screen) throw new GestureError(this.#view.screen, gesture, 'is only possible on the capture screen');
  }

  #fail(code: ErrorCode, message: string, back: View, offerKeyEntry = false): void {
    this.#show({ screen: S.error, code, message, back, offerKeyEntry });
  }

  #isIdle(): boolean {
    const idle: MobileScreenId[] = [S.accounts, S.otp, S.success, S.denied, S.timedOut, S.credsList, S.credDetails, S.credsShared, S.scan];
    return idle.includes(this.#view.screen) && this.#store.onboarded;
  }

  #showNextRequestIfIdle(): void {
    if (!this.#isIdle()) return;
    const now = this.#o.clock.now();
    while (this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      const stillPaired = this.#store.accounts().some((a) => a.deviceId === next.deviceId);
      if (!stillPaired || Date.parse(next.request.expiresAt) <= now) continue;
      return this.#show({ screen: S.authRequest, deviceId: next.deviceId, request: next.request });
    }
  }

  // ---- scanning and pairing (seed 000 steps 5-9) ----

  #startCamera(): void {
    cite('MOB-PAIR-SCAN');
    const from = this.#view.screen;
    if (from === S.scan || from === S.accounts || from === S.credsList) this.#scanFrom = { screen: from };
    const camera = this.#store.permissions().camera;
    if (camera === 'granted') return this.#show({ screen: S.capture });
    cite('MOB-PAIR-CAMERA-PROMPT'); // not yet allowed (or refused before): Scan asks again

    return this.#show({ screen: S.cameraPrompt });
  }

  #cameraDenied(): void {
    cite('MOB-PAIR-CAMERA-DENY'); // back to Scan, with Enter Pairing Key still there
    this.#show({ screen: S.scan, notice: { code: 'CAMERA_DENIED', message: 'PingID cannot use the camera. Allow camera access in Settings, or tap Enter Pairing Key.' } });
  }

  async #scanned(text: string): Promise<void> {
    const payload: QrPayload | undefined = decodeQr(text);
    if (!payload) {
      cite('MOB-PAIR-QR-INVALID');
      return this.#fail('QR_NOT_PAIRING', 'This QR code is not a PingID pairing code. Scan the code your organization gave you.', this.#scanOrigin());
    }
    cite('MOB-PAIR-QR-SCAN');
    if (payload.kind === 'pair') return this.#claim(payload.key, payload.server);
    if (payload.kind === 'creds-pair') {
      cite('CREDS-PAIR-SCAN');
      // Seed 003 "Before you begin": a device lock first; then the permissions (step 3).
      if (this.#o.platform.deviceLock.kind === 'none' && cite('CREDS-PAIR-LOCK-REQUIRED')) {
        return this.#fail('CREDS_DEVICE_LOCK_REQUIRED', 'Pairing Creds needs a PIN or biometrics lock on this phone. Set one in Settings, then scan again.', this.#home());
      }
      cite('CREDS-PAIR-PERMISSIONS');
      return this.#show({ screen: S.notificationsPrompt, creds: { offer: text.trim(), server: payload.server ?? this.#o.server } });
    }
    cite('CREDS-SHARE-SCAN');
    return this.#openPresentation(payload.request, payload.server ?? this.#o.server);
  }

  async #claim(key: string, server: string | undefined): Promise<void> {
    const base = server ?? this.#o.server;
    const back: View = { screen: S.scan };
    if (!base) return this.#fail('NETWORK_ERROR', 'This app has no server to pair with.', back);
    if (key.trim() === '') return this.#fail('PAIRING_KEY_INVALID', 'Enter the pairing key shown below the QR code.', { screen: S.enterKey });
    const client = new DeviceApiClient(this.#o.http, base);
    const claimed = await client.claimKey(key);
    if (!claimed.ok) {
      cite('MOB-PAIR-KEY-WRONG');
      return this.#fail(claimed.code, userMessage(claimed.code, 'Pairing failed. Try again.'), back, true);
    }
    this.#pairing = { client, server: base, claim: claimed.value };
    return this.#continuePairing();
  }

  /** The next step after the claim, as the server's requirements ask (seed 000 steps 8 and 9). */
  async #continuePairing(): Promise<void> {
    const pairing = this.#pairing;
    if (!pairing) return this.#show(this.#home());
    const req = pairing.claim.requirements;
    if (req.biometricsRequired && !this.#o.platform.biometrics.enrolled && cite('MOB-PAIR-BIOMETRICS-SETUP')) {
      this.#pairing = undefined;
      return this.#fail('BIOMETRICS_REQUIRED', 'Your organization requires biometrics. Set up fingerprint or face recognition on this phone, then pair again.', { screen: S.scan });
    }
    if (req.pinLength !== 0 && !pairing.pin && cite('MOB-PAIR-PIN-REQUIRED')) {
      const existing = this.#store.pin();
      const fits = existing && existing.length === req.pinLength && existing.distinct >= this.#distinctFor(req.pinLength);
      if (fits) pairing.pin = { reuse: true }; // one app PIN for every organisation, when it meets this one's rule
      else {
        this.#inputs[C.pinInput] = '';
        return this.#show({ screen: S.pinCreate });
      }
    }
    if (req.locationRequired && !pairing.location && cite('MOB-PAIR-LOCATION-PROMPT')) return this.#show({ screen: S.location });
    return this.#completePairing();
  }

  /** The PIN rule of the organisation being paired, for the PIN screens to state. */
  #pinRule(): { length: number; distinctDigits: number } | undefined {
    const req = this.#pairing?.claim.requirements;
    if (!req || req.pinLength === 0) return undefined;
    return { length: req.pinLength, distinctDigits: this.#distinctFor(req.pinLength) };
  }

  #distinctFor(length: 4 | 6): number {
    const req = this.#pairing?.claim.requirements;
    return length === 4 ? (req?.pinDistinctDigits4 ?? 3) : (req?.pinDistinctDigits6 ?? 4);
  }

  #pinNext(): void {
    const pairing = this.#pairing;
    if (!pairing || pairing.claim.requirements.pinLength === 0) return this.#show(this.#home());
    const length = pairing.claim.requirements.pinLength;
    const pin = this.#inputs[C.pinInput] ?? '';
    cite('MOB-PAIR-PIN-LENGTH');
    cite('MOB-PAIR-PIN-DISTINCT-DIGITS');
    const checked = checkPin(pin, { length, distinctDigits: this.#distinctFor(length) }, { acceptSequential6: this.#o.deviations.has('accept-sequential-pin') });
    if (!checked.ok) return this.#show({ screen: S.pinCreate, error: checked.code });
    this.#inputs[C.pinConfirmInput] = '';
    this.#show({ screen: S.pinConfirm });
  }

  async #pinConfirm(): Promise<void> {
    const pairing = this.#pairing;
    if (!pairing) return this.#show(this.#home());
    const first = this.#inputs[C.pinInput] ?? '';
    if ((this.#inputs[C.pinConfirmInput] ?? '') !== first && cite('MOB-PAIR-PIN-CONFIRM')) {
      this.#inputs[C.pinInput] = '';
      return this.#show({ screen: S.pinCreate, error: 'PIN_MISMATCH' });
    }
    pairing.pin = { value: first };
    return this.#continuePairing();
  }

  async #completePairing(): Promise<void> {
    const pairing = this.#pairing!;
    const req = pairing.claim.requirements;
    const location = pairing.location ?? 'not-asked';
    const completed = await pairing.client.completePairing({
      claimToken: pairing.claim.claimToken,
      device: this.#deviceInfo(),
      pin: { configured: req.pinLength !== 0, length: req.pinLength },
      location: location === 'granted' ? { permission: location, ...this.#o.platform.location } : { permission: location },
      biometrics: { enrolled: this.#o.platform.biometrics.enrolled },
    });
    this.#pairing = undefined;
    this.#inputs = {};
    if (!completed.ok) {
      if (completed.code === 'LOCATION_REQUIRED') cite('MOB-PAIR-LOCATION-REQUIRED');
      return this.#fail(completed.code, userMessage(completed.code, 'Pairing did not complete. Try again.'), { screen: S.scan });
    }
    if (pairing.pin && 'value' in pairing.pin) this.#store.setPin(pairing.pin.value);
    const paired = completed.value;
    const account: Account = {
      deviceId: paired.deviceId,
      deviceToken: paired.deviceToken,
      server: pairing.server,
      organization: paired.organization,
      username: paired.username,
      otp: paired.otp,
      requirements: req,
      pairedAt: this.#o.clock.now(),
    };
    this.#store.saveAccount(account);
    cite('MOB-PAIR-OTP-SCREEN');
    cite('MOB-PAIR-ACCOUNT-LISTED');
    this.#show({ screen: S.otp, deviceId: account.deviceId });
    if (paired.authenticationRequestId && cite('MOB-PAIR-AUTH-REQUEST')) {
      await this.refresh(); // the request generated at once after pairing (seed 000 step 9 result)
    }
  }

  #deviceInfo(): DeviceInfo {
    return {
      kind: 'mobile',
      name: this.#o.platform.name,
      platform: this.#o.platform.os,
      notificationsEnabled: this.#store.permissions().notifications === 'granted',
    };
  }

  // ---- authentication (seed 000 step 10, seed 001) ----

  #startApproval(method: 'tap' | 'notification' | 'biometrics'): Promise<void> {
    const view = this.#view;
    if (view.screen !== S.authRequest) return Promise.resolve();
    const account = this.#account(view.deviceId);
    // An organisation that requires biometrics gets them even on a tap (server: BIOMETRICS_NOT_VERIFIED otherwise).
    const useBiometrics = method === 'biometrics' || account?.requirements.biometricsRequired === true;
    const pinVerified = this.#unlocked === view.request.id; // entered when the app opened from the notification
    this.#approval = { deviceId: view.deviceId, request: view.request, method: useBiometrics ? 'biometrics' : method, biometricVerified: false, pinVerified };
    return this.#continueApproval();
  }

  /** Biometrics (consent first time), then the PIN when one is set, then the answer to the server. */
  async #continueApproval(): Promise<void> {
    const approval = this.#approval;
    if (!approval) return this.#show(this.#home());
    const account = this.#account(approval.deviceId);
    if (!account) return this.#show(this.#home());
    if (approval.method === 'biometrics' && !approval.biometricVerified) {
      cite('MOB-AUTH-BIOMETRICS');
      if (this.#store.permissions().biometricConsent !== true && cite('MOB-AUTH-BIOMETRIC-CONSENT')) return this.#show({ screen: S.biometricConsent });
      const sensor = this.#o.platform.biometrics;
      if (!sensor.enrolled || !sensor.matches) {
        this.#approval = undefined;
        return this.#fail('BIOMETRICS_FAILED', 'Biometrics did not match.', { screen: S.authRequest, deviceId: approval.deviceId, request: approval.request });
      }
      approval.biometricVerified = true;
    }
    if (account.requirements.pinLength !== 0 && !approval.pinVerified && cite('MOB-PAIR-PIN-EVERY-AUTH')) return this.#showPinEntry();
    this.#approval = undefined;
    const answer = await new DeviceApiClient(this.#o.http, account.server).approve(account.deviceToken, approval.request.id, {
      method: approval.method,
      pinVerified: approval.pinVerified,
      biometricVerified: approval.biometricVerified,
    });
    if (answer.ok) {
      cite(approval.method === 'biometrics' ? 'MOB-AUTH-BIOMETRICS' : approval.method === 'notification' ? 'MOB-AUTH-APPROVE-NOTIFICATION' : 'MOB-PAIR-APPROVE');
      return this.#show({ screen: S.success, organization: account.organization.name });
    }
    return this.#requestFailed(answer.code);
  }

  #showPinEntry(): void {
    this.#inputs[C.pinEntryInput] = '';
    const blockedUntil = this.#store.lockout().blockedUntil;
    this.#show({ screen: S.pinEntry, ...(this.#blocked() ? { error: 'PIN_BLOCKED', blockedUntil } : {}) });
  }

  #blocked(): boolean {
    return this.#store.lockout().blockedUntil > this.#o.clock.now();
  }

  async #pinEntry(): Promise<void> {
    const approval = this.#approval;
    if (!approval) return this.#show(this.#home());
    const now = this.#o.clock.now();
    if (this.#blocked() && cite('MOB-AUTH-PIN-BLOCKED')) return this.#show({ screen: S.pinEntry, error: 'PIN_BLOCKED', blockedUntil: this.#store.lockout().blockedUntil });
    const entered = this.#inputs[C.pinEntryInput] ?? '';
    this.#inputs[C.pinEntryInput] = '';
    if (!this.#store.pinMatches(entered)) {
      const failures = this.#store.lockout().failures + 1;
      if (failures >= PIN_MAX_ATTEMPTS && cite('MOB-AUTH-PIN-BLOCKED')) {
        this.#store.setLockout({ failures: 0, blockedUntil: now + PIN_BLOCK_MS });
        return this.#show({ screen: S.pinEntry, error: 'PIN_BLOCKED', blockedUntil: now + PIN_BLOCK_MS });
      }
      this.#store.setLockout({ failures, blockedUntil: 0 });
      cite('MOB-AUTH-PIN-WRONG');
      return this.#show({ screen: S.pinEntry, error: 'PIN_WRONG' });
    }
    this.#store.setLockout({ failures: 0, blockedUntil: 0 });
    cite('MOB-AUTH-PIN-ENTRY');
    approval.pinVerified = true;
    if (approval.openOnly) {
      // Unlocked from the notification: the request shows (or its time-out, if it passed meanwhile).
      this.#approval = undefined;
      this.#unlocked = approval.request.id;
      if (Date.parse(approval.request.expiresAt) <= now && cite('MOB-AUTH-TIMEOUT')) return this.#show({ screen: S.timedOut });
      return this.#show({ screen: S.authRequest, deviceId: approval.deviceId, request: approval.request });
    }
    return this.#continueApproval();
  }

  #backToRequest(): void {
    const approval = this.#approval;
    this.#approval = undefined;
    if (approval) this.#show({ screen: S.authRequest, deviceId: approval.deviceId, request: approval.request });
    else this.#show(this.#home());
  }

  async #deny(): Promise<void> {
    const view = this.#view;
    if (view.screen !== S.authRequest) return;
    const account = this.#account(view.deviceId);
    if (!account) return this.#show(this.#home());
    const answer = await new DeviceApiClient(this.#o.http, account.server).deny(account.deviceToken, view.request.id);
    if (answer.ok && cite('MOB-AUTH-DENY')) return this.#show({ screen: S.denied, organization: account.organization.name });
    if (!answer.ok) return this.#requestFailed(answer.code);
  }

  #requestFailed(code: ErrorCode): void {
    if (code === 'REQUEST_EXPIRED' && cite('MOB-AUTH-TIMEOUT')) return this.#show({ screen: S.timedOut });
    return this.#fail(code, userMessage(code, 'The request could not be answered.'), this.#home());
  }

  #account(deviceId: string): Account | undefined {
    return this.#store.accounts().find((a) => a.deviceId === deviceId);
  }

  async #unpair(): Promise<void> {
    const view = this.#view;
    if (view.screen !== S.otp) return;
    const account = this.#account(view.deviceId);
    if (!account) return this.#show(this.#home());
    const removed = await new DeviceApiClient(this.#o.http, account.server).unpair(account.deviceToken);
    // Unpairing needs the server (protocol facts §4: pairing needs network): offline, nothing changes.
    if (!removed.ok && removed.code !== 'UNAUTHORIZED') return this.#fail(removed.code, userMessage(removed.code, 'Could not unpair. Try again.'), view);
    this.#store.removeAccount(account.deviceId);
    this.#show(this.#home());
  }

  // ---- Creds (seed 003) ----

  async #credsPair(): Promise<void> {
    const view = this.#view;
    if (view.screen !== S.credsPairConfirm) return;
    const back: View = this.#home();
    if (!view.server) return this.#fail('NETWORK_ERROR', 'This app has no server to pair with.', back);
    const lock = this.#o.platform.deviceLock;
    if (lock.kind === 'none') {
      cite('CREDS-PAIR-LOCK-REQUIRED');
      return this.#fail('CREDS_DEVICE_LOCK_REQUIRED', 'Pairing Creds needs this phone’s PIN or biometrics.', back);
    }
    // Seed 003 pairing step 4: the device PIN or biometrics; not verified -> try again, nothing paired.
    if (!lock.verifies && cite('CREDS-PAIR-DEVICE-AUTH')) return this.#show({ ...view, error: 'CREDS_DEVICE_AUTH_FAILED' });
    const wallet = this.#store.wallet();
    // The server chooses the wallet id (issue 9: a client-chosen id could claim another's wallet):
    // the first pairing with a server sends none; a later one proves the wallet with its token.
    const token = wallet.pairings.find((p) => p.server === view.server)?.walletToken;
    const paired = await new DeviceApiClient(this.#o.http, view.server).credsPair({
      offer: view.offer,
      deviceLock: { kind: lock.kind, verified: true },
      device: this.#deviceInfo(),
    }, token);
    if (!paired.ok) {
      if (paired.code === 'CREDS_ALREADY_PAIRED') cite('CREDS-PAIR-ONCE-PER-ISSUER');
      return this.#fail(paired.code, userMessage(paired.code, 'Could not pair with the issuer. Try again.'), back);
    }
    cite('CREDS-PAIR-SEVERAL-ISSUERS');
    const pairings = wallet.pairings.filter((p) => p.issuer.id !== paired.value.issuer.id);
    this.#store.saveWallet({ ...wallet, walletId: paired.value.walletId, pairings: [...pairings, { issuer: paired.value.issuer, walletToken: paired.value.walletToken, server: view.server }] });
    await this.#fetchCreds();
    this.#show(this.#home()); // paired: back to the app's home (the Creds tab lists what arrives)
  }

  /** Seed 003 pairing step 3: notifications and the camera, both needed; declining stops pairing. */
  #credsPermissions(creds: { offer: string; server: string | undefined }, accepted: boolean): void {
    if (!accepted) {
      cite('CREDS-PAIR-PERMISSIONS-DENIED');
      return this.#fail('CREDS_PERMISSIONS_REQUIRED', 'Creds need notifications and the camera. Scan the issuer’s QR code again and allow both.', this.#home());
    }
    cite('CREDS-PAIR-PERMISSIONS');
    this.#store.setPermission('notifications', 'granted');
    this.#store.setPermission('camera', 'granted');
    cite('CREDS-PAIR-DEVICE-AUTH');
    this.#show({ screen: S.credsPairConfirm, offer: creds.offer, server: creds.server });
  }

  /** Pulls each issuer's Creds; new ones are kept with the time they arrived (for the "New" label). */
  async #fetchCreds(): Promise<number> {
    const wallet = this.#store.wallet();
    const held = new Map(wallet.creds.map((h) => [h.credential.id, h]));
    let received = 0;
    for (const pairing of wallet.pairings) {
      const listed = await new DeviceApiClient(this.#o.http, pairing.server).credsList(pairing.walletToken);
      if (!listed.ok) continue;
      for (const credential of listed.value.credentials) {
        const known = held.get(credential.id);
        if (known) held.set(credential.id, { ...known, credential });
        else {
          held.set(credential.id, { credential, receivedAt: this.#o.clock.now(), opened: false });
          received++;
          cite('CREDS-RECEIVE-NOTIFICATION');
        }
      }
    }
    this.#store.saveWallet({ ...this.#store.wallet(), creds: [...held.values()] });
    return received;
  }

  #isNew(held: HeldCredential): boolean {
    cite('CREDS-RECEIVE-NEW-LABEL');
    if (held.opened) return false; // CREDS-RECEIVE-NEW-CLEARED-ON-OPEN
    if (this.#o.deviations.has('new-label-never-expires')) return true; // deviation, see models/deviations.ts
    cite('CREDS-RECEIVE-NEW-CLEARED-AFTER-24H');
    return this.#o.clock.now() - held.receivedAt < NEW_LABEL_MS;
  }

  #openCred(index: number): void {
    const wallet = this.#store.wallet();
    const held = visibleCreds(wallet.creds)[index];
    if (!held) return;
    cite('CREDS-RECEIVE-DETAILS');
    cite('CREDS-RECEIVE-NEW-CLEARED-ON-OPEN');
    this.#store.saveWallet({ ...wallet, creds: wallet.creds.map((h) => (h.credential.id === held.credential.id ? { ...h, opened: true } : h)) });
    this.#show({ screen: S.credDetails, credentialId: held.credential.id });
  }

  async #openPresentation(requestId: string, server: string | undefined): Promise<void> {
    const back: View = this.#home(); // sharing starts from Scan on the home tab: Back returns there
    const wallet = this.#store.wallet();
    const pairings = wallet.pairings.filter((p) => server === undefined || p.server === server);
    if (pairings.length === 0) return this.#fail('CREDS_NO_MATCHING_CREDENTIAL', 'You have no Creds to share with this requester.', back);
    let request: PresentationRequest | undefined;
    let walletToken = '';
    let lastError: { code: ErrorCode; message: string } = { code: 'PRESENTATION_NOT_FOUND', message: 'not found' };
    for (const pairing of pairings) {
      const got = await new DeviceApiClient(this.#o.http, pairing.server).presentationGet(pairing.walletToken, requestId);
      if (got.ok) {
        request = got.value;
        walletToken = pairing.walletToken;
        break;
      }
      lastError = got;
    }
    if (!request) return this.#fail(lastError.code, userMessage(lastError.code, 'The share request cannot be opened.'), back);
    const fitting = visibleCreds(wallet.creds).find((h) => credentialFits(h.credential, request));
    if (!fitting) return this.#fail('CREDS_NO_MATCHING_CREDENTIAL', `You have no ${request.credentialType} Creds to share.`, back);
    cite('CREDS-SHARE-REVIEW');
    this.#show({ screen: S.credsShare, request, walletToken, server: pairings.find((p) => p.walletToken === walletToken)!.server, credentialId: fitting.credential.id, selection: initialSelection() });
  }

  #toggleShare(control: MobileControlId, index: number): void {
    const view = this.#view;
    if (view.screen !== S.credsShare) return;
    const field = control === C.shareRequiredField ? view.request.requiredFields[index] : view.request.optionalFields[index];
    if (field === undefined) return;
    const selection: ShareSelection = toggleField(view.request, view.selection, field);
    this.#view = { ...view, selection };
  }

  async #share(): Promise<void> {
    const view = this.#view;
    if (view.screen !== S.credsShare) return;
    const held = this.#store.wallet().creds.find((h) => h.credential.id === view.credentialId);
    if (!held) return this.#show({ screen: S.credsList });
    const fields = sharedFields(held.credential, view.request, view.selection, { shareUnselectedOptional: this.#o.deviations.has('share-unselected-optional') });
    cite('CREDS-SHARE-SUBMIT');
    const sent = await new DeviceApiClient(this.#o.http, view.server).presentationRespond(view.walletToken, view.request.id, { credentialId: view.credentialId, fields });
    if (!sent.ok) return this.#fail(sent.code, userMessage(sent.code, 'Sharing failed. Try again.'), this.#home());
    this.#show({ screen: S.credsShared, verifier: view.request.verifier.name });
  }
}

/** Revoked Creds are not offered (they stay out of the list and of sharing). */
export function visibleCreds(creds: readonly HeldCredential[]): HeldCredential[] {
  return creds.filter((h) => !h.credential.revoked);
}
