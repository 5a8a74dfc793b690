/**
 * Each mobile screen as the user sees it: title, text and controls (by the testID contract),
 * in the documents' words. `buildView` is pure: the app's state in, a `ScreenView` out. The
 * sim's snapshot and the web build's DOM are both made from it.
 */
import type { DeviceRequest, PresentationRequest } from '../../models/device-api.ts';
import type { ErrorCode } from '../../models/error-codes.ts';
import type { Clock } from '../../models/runtime.ts';
import { mobile, type MobileControlId, type MobileScreenId } from '../../models/testids.ts';
import type { ShareSelection } from '../shared/creds-share.ts';
import { pinHint, pinMessage } from '../shared/pin-messages.ts';
import { pinRuleText } from '../shared/user-messages.ts';
import { passcodeAt } from '../shared/totp.ts';
import type { ControlView, ScreenView } from '../shared/view.ts';
import type { MobileDeviation } from './options.ts';
import type { Account, HeldCredential, Wallet } from './store.ts';

const S = mobile.screens;
const C = mobile.controls;

export type MobileView = ScreenView<MobileScreenId, MobileControlId>;
type Control = ControlView<MobileControlId>;

/** The app's current screen and what it needs to draw itself. */
export type View =
  | { screen: typeof S.welcome | typeof S.notifications | typeof S.cameraPrompt | typeof S.capture }
  /** The system prompt for notifications; `creds` when Creds pairing asks its permissions (seed 003 pairing step 3). */
  | { screen: typeof S.notificationsPrompt; creds?: { offer: string; server: string | undefined } }
  | { screen: typeof S.scan; notice?: { code: ErrorCode; message: string } }
  | { screen: typeof S.enterKey }
  | { screen: typeof S.pinCreate | typeof S.pinConfirm; error?: ErrorCode }
  | { screen: typeof S.location; notice?: { code: ErrorCode; message: string } }
  | { screen: typeof S.locationPrompt }
  | { screen: typeof S.otp; deviceId: string }
  | { screen: typeof S.authRequest; deviceId: string; request: DeviceRequest }
  | { screen: typeof S.biometricConsent }
  /** `blockedUntil`: when a PIN_BLOCKED error lifts (the screen shows entry open again after it). */
  | { screen: typeof S.pinEntry; error?: ErrorCode | undefined; blockedUntil?: number }
  | { screen: typeof S.success | typeof S.denied; organization: string }
  | { screen: typeof S.timedOut }
  | { screen: typeof S.error; code: ErrorCode; message: string; back: View; offerKeyEntry: boolean }
  | { screen: typeof S.accounts | typeof S.credsList }
  | { screen: typeof S.credDetails; credentialId: string }
  | { screen: typeof S.credsPairConfirm; offer: string; server: string | undefined; error?: ErrorCode }
  | { screen: typeof S.credsShare; request: PresentationRequest; walletToken: string; server: string; credentialId: string; selection: ShareSelection }
  | { screen: typeof S.credsShared; verifier: string };

export interface ViewContext {
  now: number;
  clock: Clock;
  inputs: Partial<Record<MobileControlId, string>>;
  accounts: Account[];
  wallet: Wallet;
  onboarded: boolean;
  biometricsEnrolled: boolean;
  /** The PIN rule of the organisation being paired (the PIN screens state it). */
  pinRule: { length: number; distinctDigits: number } | undefined;
  /** Deviations that change what a screen shows (models/deviations.ts, side 'mobile-sim'). */
  deviations: ReadonlySet<MobileDeviation>;
  /** Device ids of accounts whose server answered that it no longer knows this device. */
  forgotten: ReadonlySet<string>;
  isNew(held: HeldCredential): boolean;
}

const button = (id: MobileControlId, text: string): Control => ({ id, kind: 'button', text });
const secondary = (id: MobileControlId, text: string): Control => ({ id, kind: 'button', text, secondary: true });
const text = (id: MobileControlId, value: string): Control => ({ id, kind: 'text', text: value });
const tabs = (): Control[] => [
  { id: C.tabAuthentication, kind: 'tab', text: 'Authentication' },
  { id: C.tabCreds, kind: 'tab', text: 'Creds' },
];
const dots = (value: string | undefined): string => '•'.repeat((value ?? '').length);

function screen(id: MobileScreenId, title: string, body: string[], controls: Control[]): ScreenView<MobileScreenId, MobileControlId> {
  return { screen: id, title, body, controls };
}

function credLabel(held: HeldCredential): string {
  return `${held.credential.type} · ${held.credential.issuer.name}`;
}

/** Issue 10: the server forgot this device (reset, or removed there): its passcodes no longer sign on; say what to do. */
function forgottenNotice(ctx: ViewContext, accounts: readonly Account[]): string[] {
  return accounts
    .filter((a) => ctx.forgotten.has(a.deviceId))
    .map((a) => `${a.organization.name} no longer knows this device (its server was reset or the device removed). Its passcodes will not sign on: open it, tap Unpair, then scan a new QR code.`);
}

function pinRule(ctx: ViewContext): string {
  return ctx.pinRule ? pinRuleText(ctx.pinRule.length, ctx.pinRule.distinctDigits) : 'Use digits only, not in ascending or descending sequence (such as 1234).';
}

function pinPlaceholder(ctx: ViewContext): { placeholder?: string } {
  return ctx.pinRule ? { placeholder: `${ctx.pinRule.length} digits` } : {};
}

/** When a request was made, as the phone shows it: day and time (UTC: the sims have no time zone). */
export function requestTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'Unknown time';
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} UTC`;
}

export function buildView(view: View, ctx: ViewContext): MobileView {
  switch (view.screen) {
    case S.welcome:
      return screen(view.screen, 'Welcome to PingID', ['Sign on securely and verify your identity.'], [
        { id: C.termsLink, kind: 'link', text: 'Terms of Service' },
        button(C.welcomeContinue, 'Continue'),
      ]);
    case S.notifications:
      return screen(view.screen, 'Enable notifications', ['Notifications are required: PingID uses them when you need to authenticate, verify your identity, or receive or share Creds.'], [
        // MOB-PAIR-ALLOW-PERMISSIONS (seed 001 step 1): the app tells the user to allow what it asks for.
        text(C.permissionsAdvice, 'Allow all requested permissions (notifications, camera, location) so PingID works as expected.'),
        button(C.notificationsContinue, 'Continue'),
      ]);
    case S.notificationsPrompt:
      if (view.creds) {
        return screen(view.screen, '“PingID” Would Like to Send You Notifications and Use the Camera', ['Creds need notifications (to receive them) and the camera (to scan QR codes for receiving and sharing).'], [
          secondary(C.notificationsDeny, 'Don’t Allow'),
          button(C.notificationsAllow, 'Allow'),
        ]);
      }
      return screen(view.screen, '“PingID” Would Like to Send You Notifications', ['Notifications may include alerts, sounds and icon badges.'], [
        secondary(C.notificationsDeny, 'Don’t Allow'),
        button(C.notificationsAllow, 'Allow'),
      ]);
    case S.scan: {
      const notice = view.notice ? [text(C.errorCode, view.notice.code), text(C.errorMessage, view.notice.message)] : [];
      return screen(view.screen, 'Pair your device', ['Display the QR code from your organization on a different device, then tap Scan.'], [
        ...notice,
        button(C.scan, 'Scan'),
        button(C.enterPairingKey, 'Enter Pairing Key'),
        ...(ctx.onboarded ? tabs() : []),
      ]);
    }
    case S.cameraPrompt:
      return screen(view.screen, '“PingID” Would Like to Access the Camera', ['The camera is used to scan QR codes.'], [
        secondary(C.cameraDeny, 'Don’t Allow'),
        button(C.cameraAllow, 'OK'),
      ]);
    case S.capture:
      return screen(view.screen, 'Scan QR code', ['Point your camera at the QR code.'], [
        { id: C.captureVideo, kind: 'video', text: '' },
        { id: C.captureImage, kind: 'file', text: 'Choose an image' },
        secondary(C.enterPairingKey, 'Enter Pairing Key'),
        secondary(C.captureBack, 'Back'),
      ]);
    case S.enterKey:
      return screen(view.screen, 'Enter Pairing Key', ['Type the pairing key shown below the QR code.'], [
        { id: C.pairingKeyInput, kind: 'input', text: ctx.inputs[C.pairingKeyInput] ?? '', label: 'Pairing key', placeholder: 'e.g. 1234 5678 9012' },
        button(C.pairingKeySubmit, 'Pair'),
      ]);
    case S.pinCreate:
      return screen(view.screen, 'Create a PIN', [], [
        // MOB-PAIR-PIN-RULE-SHOWN (seed 000 step 8): the length and the different-digit rule, before the user types.
        ...(ctx.deviations.has('unstated-pin-rule') ? [] : [text(C.pinRule, pinRule(ctx))]), // deviation, see models/deviations.ts
        { id: C.pinInput, kind: 'pin', text: dots(ctx.inputs[C.pinInput]), label: 'New PIN', ...pinPlaceholder(ctx) },
        ...(view.error ? [{ ...text(C.pinError, view.error), ...pinHint(view.error) }] : []),
        button(C.pinNext, 'Next'),
      ]);
    case S.pinConfirm:
      return screen(view.screen, 'Confirm your PIN', ['Enter the same PIN again.'], [
        { id: C.pinConfirmInput, kind: 'pin', text: dots(ctx.inputs[C.pinConfirmInput]), label: 'PIN again', ...pinPlaceholder(ctx) },
        button(C.pinConfirmDone, 'Done'),
      ]);
    case S.location:
      return screen(view.screen, 'Enable Location Permissions', ['Your organization requires your device location.'], [
        ...(view.notice ? [text(C.errorCode, view.notice.code), text(C.errorMessage, view.notice.message)] : []),
        // MOB-PAIR-LOCATION-PERMISSIVE (seed 000 step 9): the most permissive option.
        text(C.locationAdvice, 'Choose the most permissive option (Android: Precise, When using the app; iOS: Always Allow).'),
        button(C.locationContinue, 'Continue'),
      ]);
    case S.locationPrompt:
      return screen(view.screen, 'Allow “PingID” to use your location?', [], [
        secondary(C.locationDeny, 'Don’t Allow'),
        button(C.locationAllow, 'Always Allow'),
      ]);
    case S.otp: {
      const account = ctx.accounts.find((a) => a.deviceId === view.deviceId);
      const code = account ? passcodeAt(account.otp, ctx.clock) : undefined;
      return screen(view.screen, account?.organization.name ?? 'Unpaired', [account ? `Signed on as ${account.username}` : '', ...(account ? forgottenNotice(ctx, [account]) : [])], [
        text(C.otpOrganization, account?.organization.name ?? ''),
        text(C.otpValue, code?.code ?? ''),
        text(C.otpCountdown, String(code?.secondsLeft ?? 0)),
        secondary(C.unpair, 'Unpair'),
        ...tabs(),
      ]);
    }
    case S.authRequest: {
      const account = ctx.accounts.find((a) => a.deviceId === view.deviceId);
      const code = account ? passcodeAt(account.otp, ctx.clock) : undefined;
      return screen(view.screen, 'Are you trying to sign on?', [view.request.application ? `To ${view.request.application}` : 'Authentication request'], [
        text(C.authOrganization, account?.organization.name ?? view.request.organization.name),
        // MOB-AUTH-REQUEST-ORIGIN: place (seed 001's Authentication screen), time and browser tell one request from another.
        ...(ctx.deviations.has('request-without-origin') ? [] : [ // deviation, see models/deviations.ts
          text(C.authTime, requestTime(view.request.createdAt)),
          text(C.authBrowser, view.request.browser ?? 'Unknown browser'),
          text(C.authLocation, view.request.location ?? (view.request.ipAddress ? `IP address ${view.request.ipAddress}` : 'Unknown location')),
        ]),
        secondary(C.deny, 'Deny'),
        button(C.approve, 'Yes'),
        ...(ctx.biometricsEnrolled ? [button(C.useBiometrics, 'Use Face ID')] : []),
        // Seed 001 "Approve the request or enter the passcode": the current passcode is on the request, and
        // "Use passcode instead" opens it without denying.
        ...(ctx.deviations.has('request-hides-passcode') ? [] : [ // deviation, see models/deviations.ts
          ...(code ? [text(C.otpValue, code.code)] : []),
          secondary(C.authUsePasscode, 'Use passcode instead'),
        ]),
      ]);
    }
    case S.biometricConsent:
      return screen(view.screen, 'Allow “PingID” to use Face ID?', ['PingID uses your biometrics to approve sign-on requests.'], [
        secondary(C.biometricDeny, 'Don’t Allow'),
        button(C.biometricAllow, 'OK'),
      ]);
    case S.pinEntry: {
      // A block shows until it lifts; then entry is open again (no error).
      const error = view.error === 'PIN_BLOCKED' && view.blockedUntil !== undefined && ctx.now >= view.blockedUntil ? undefined : view.error;
      return screen(view.screen, 'Enter your PIN', ['Enter your PingID PIN to authenticate.', ...pinMessage(error)], [
        { id: C.pinEntryInput, kind: 'pin', text: dots(ctx.inputs[C.pinEntryInput]), label: 'PIN', ...(error === 'PIN_BLOCKED' ? { disabled: true } : {}) },
        ...(error ? [text(C.pinEntryError, error)] : []),
        button(C.pinEntrySubmit, 'Submit'),
      ]);
    }
    case S.success:
      return screen(view.screen, 'Authenticated', [`You are signed on to ${view.organization}.`], [text(C.successCheck, '✔'), button(C.successClose, 'Close')]);
    case S.denied:
      return screen(view.screen, 'Request denied', [`You denied the sign-on to ${view.organization}.`], [button(C.successClose, 'Close')]);
    case S.timedOut:
      return screen(view.screen, 'Request timed out', ['The request expired before you answered. Sign on again.'], [button(C.successClose, 'Close')]);
    case S.error:
      return screen(view.screen, 'Something went wrong', [], [
        text(C.errorCode, view.code),
        text(C.errorMessage, view.message),
        ...(view.offerKeyEntry ? [button(C.enterPairingKey, 'Enter Pairing Key')] : []),
        secondary(C.errorBack, 'Back'),
      ]);
    case S.accounts: {
      const codes = ctx.accounts.map((a) => passcodeAt(a.otp, ctx.clock));
      return screen(view.screen, 'Authentication', ctx.accounts.length === 0 ? ['No organizations paired yet. Tap Scan to pair.'] : forgottenNotice(ctx, ctx.accounts), [
        { id: C.accountItem, kind: 'button', text: '', items: ctx.accounts.map((a) => ({ text: a.organization.name })) },
        { id: C.otpValue, kind: 'text', text: '', items: codes.map((c) => ({ text: c.code })) },
        { id: C.otpCountdown, kind: 'text', text: '', items: codes.map((c) => ({ text: String(c.secondsLeft) })) },
        button(C.scan, 'Scan'),
        ...tabs(),
      ]);
    }
    case S.credsList: {
      const creds = ctx.wallet.creds.filter((h) => !h.credential.revoked);
      return screen(view.screen, 'Creds', creds.length === 0 ? ['No Creds yet. Pair with an issuer: tap Scan and scan its QR code.'] : [], [
        { id: C.credItem, kind: 'button', text: '', items: creds.map((h) => ({ text: credLabel(h) })) },
        { id: C.credNewLabel, kind: 'text', text: '', items: creds.map((h) => ({ text: ctx.isNew(h) ? 'New' : '' })) },
        button(C.scan, 'Scan'),
        ...tabs(),
      ]);
    }
    case S.credDetails: {
      const held = ctx.wallet.creds.find((h) => h.credential.id === view.credentialId);
      const fields = held ? Object.entries(held.credential.fields) : [];
      return screen(view.screen, held ? credLabel(held) : 'Creds', held ? [`Issued ${held.credential.issuedAt.slice(0, 10)}`] : [], [
        { id: C.credField, kind: 'text', text: '', items: fields.map(([k, v]) => ({ text: `${k}: ${v}` })) },
        secondary(C.credExport, 'Back up or move'),
        secondary(C.credBack, 'Back'),
        ...tabs(),
      ]);
    }
    case S.credsPairConfirm:
      return screen(view.screen, 'Pair with issuer', ['Confirm with your phone’s PIN or biometrics to complete pairing.'], [
        ...(view.error ? [text(C.credsPairError, view.error)] : []),
        button(C.credsPairApprove, 'Confirm and pair'),
        secondary(C.errorBack, 'Cancel'),
      ]);
    case S.credsShare: {
      const held = ctx.wallet.creds.find((h) => h.credential.id === view.credentialId);
      const value = (f: string): string => `${f}: ${held?.credential.fields[f] ?? ''}`;
      const chosen = new Set(view.selection.optional);
      return screen(view.screen, `Share with ${view.request.verifier.name}`, [`${view.request.credentialType}: review what is shared.`], [
        { id: C.shareRequiredField, kind: 'text', text: '', heading: 'Required', items: view.request.requiredFields.map((f) => ({ text: value(f), checked: true, disabled: true })) },
        ...(view.request.optionalFields.length ? [text(C.shareOptionalHeading, 'Optional')] : []),
        { id: C.shareOptionalField, kind: 'button', text: '', items: view.request.optionalFields.map((f) => ({ text: value(f) })) },
        { id: C.shareOptionalCheckbox, kind: 'checkbox', text: '', items: view.request.optionalFields.map((f) => ({ text: f, checked: chosen.has(f) })) },
        button(C.shareSubmit, 'Share'),
        secondary(C.errorBack, 'Cancel'),
      ]);
    }
    case S.credsShared:
      return screen(view.screen, 'Shared', [`✔ Your Creds were sent to ${view.verifier}.`], [button(C.successClose, 'Close')]);
  }
}
