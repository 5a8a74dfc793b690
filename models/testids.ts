/**
 * The testID contract: the stable IDs that every build (the sims, their web builds, a vendor's
 * web, Electron or native build, and the reference server's portal) puts on its screens and
 * controls. On the web they are `data-testid` attributes; in native builds, accessibility
 * identifiers (what Detox's `by.id` finds). Every screen's root element carries its screen ID;
 * controls and visible values carry their control IDs. Drivers find things only by these IDs.
 *
 * Names follow the documents' own words (seed and step in each comment).
 */

/** The web portal: sign-on, registration and authentication windows (seeds 000, 001, 002). */
export const portal = {
  screens: {
    signOn: 'portal-signon', // 000 step 1: "Sign on to your account or app"
    registration: 'portal-registration', // 000 step 1: registration window with Start
    addDevice: 'portal-add-device', // 000 step 1 result: Add a New Device with the QR code
    desktopSetup: 'portal-desktop-setup', // 002 step 2: Desktop Setup showing the Pairing Key
    pairingWaiting: 'portal-pairing-waiting', // waits until the device pairs
    deviceSelection: 'portal-device-selection', // several devices, "Prompt User to Select"
    pushWaiting: 'portal-push-waiting', // 001: authentication request sent to the app
    otp: 'portal-otp', // 002 step 6: Authentication field, Sign On, Change Device
    success: 'portal-success', // 000 step 10 result / 002 step 6.4 result: green check
    failure: 'portal-failure', // denied, timed out, locked
    myDevices: 'portal-my-devices', // 002 "About this task": My Devices, where another device is added
  },
  controls: {
    username: 'signon-username',
    password: 'signon-password',
    signOnSubmit: 'signon-submit',
    signOnError: 'signon-error',
    start: 'registration-start',
    qrImage: 'add-device-qr',
    pairingKey: 'add-device-pairing-key', // the key printed beneath the QR code (000 step 7 note)
    chooseMobile: 'add-device-mobile',
    chooseDesktop: 'add-device-desktop', // 002 step 2: click Desktop
    desktopPairingKey: 'desktop-setup-pairing-key',
    waitingStatus: 'pairing-waiting-status',
    deviceOption: 'device-option', // one per device; the device id in `data-device-id`
    pushStatus: 'push-status',
    usePasscode: 'push-use-passcode', // 001 step 3: "Enter the current passcode shown in the app"
    otpField: 'auth-otp-field', // 002 step 6.3: the Authentication field
    otpSignOn: 'auth-signon', // 002 step 6.4: Sign On
    changeDevice: 'auth-change-device', // 002 step 6 image: Change Device
    otpError: 'auth-otp-error',
    successCheck: 'success-check', // the green checkmark
    redirectLink: 'success-redirect', // back to the portal or app
    failureReason: 'failure-reason',
    secondMethodAdvice: 'registration-second-method', // 000 "Before you begin": add at least one more authentication method
    myDevicesLink: 'my-devices-link', // the success page's way to My Devices
    myDevicesItem: 'my-devices-item', // one per paired device; the device id in `data-device-id`, "(primary)" on the primary
    myDevicesAdd: 'my-devices-add', // 002 "About this task": Add a New Device from My Devices
    myDevicesLimit: 'my-devices-limit', // no more devices allowed by the policy (no add control)
    // issue 8 (checks read what a person reads): the organisation the page signs on to, in its header
    organization: 'portal-organization',
  },
} as const;

/** The mobile authenticator (seeds 000, 001, 003). */
export const mobile = {
  screens: {
    welcome: 'mobile-welcome', // 000 step 2: welcome with terms of service link and Continue
    notifications: 'mobile-notifications', // 000 step 3: enable notifications, Continue
    notificationsPrompt: 'mobile-notifications-prompt', // 000 step 4: system popup Allow / Don't Allow
    scan: 'mobile-scan', // 000 step 5: Scan or Enter Pairing Key
    cameraPrompt: 'mobile-camera-prompt', // 000 step 6: allow camera
    capture: 'mobile-capture', // 000 step 7: camera pointed at the QR code
    enterKey: 'mobile-enter-key', // 000 step 7 note: Enter Pairing Key
    pinCreate: 'mobile-pin-create', // 000 step 8: Create a PIN
    pinConfirm: 'mobile-pin-confirm',
    location: 'mobile-location', // 000 step 9: Enable Location Permissions, Continue
    locationPrompt: 'mobile-location-prompt',
    otp: 'mobile-otp', // 000 step 9 result: the OTP screen
    authRequest: 'mobile-auth-request', // 000 step 10 / 001: approve, deny, biometrics
    biometricConsent: 'mobile-biometric-consent', // 000 step 10 note: allow PingID to scan biometrics
    pinEntry: 'mobile-pin-entry', // PIN before authenticating when one is set
    success: 'mobile-success', // 000 step 10 result: green check, Close
    denied: 'mobile-denied',
    timedOut: 'mobile-timed-out',
    error: 'mobile-error', // unreadable QR, bad key, server error: an error screen, not a crash
    accounts: 'mobile-accounts', // 001 step 2: the Authentication tab listing organisations
    credsList: 'mobile-creds', // 003: Creds tab
    credDetails: 'mobile-cred-details',
    credsShare: 'mobile-creds-share', // 003 share: review, required fixed, optional opt-in, Share
    credsPairConfirm: 'mobile-creds-pair', // 003 pairing: device PIN or biometrics
    credsShared: 'mobile-creds-shared',
  },
  controls: {
    termsLink: 'welcome-terms',
    welcomeContinue: 'welcome-continue',
    notificationsContinue: 'notifications-continue',
    permissionsAdvice: 'permissions-advice', // 001 step 1: "allow all requested permissions"
    notificationsAllow: 'notifications-allow',
    notificationsDeny: 'notifications-deny',
    scan: 'scan-button',
    enterPairingKey: 'enter-pairing-key',
    cameraAllow: 'camera-allow',
    cameraDeny: 'camera-deny',
    captureImage: 'capture-image', // web builds: file input fallback for the image to scan
    captureVideo: 'capture-video',
    captureBack: 'capture-back', // the capture screen's Back (leave the camera without scanning)
    pairingKeyInput: 'pairing-key-input',
    pairingKeySubmit: 'pairing-key-submit',
    pinInput: 'pin-input',
    pinNext: 'pin-next',
    pinError: 'pin-error',
    pinConfirmInput: 'pin-confirm-input',
    pinConfirmDone: 'pin-confirm-done',
    locationContinue: 'location-continue',
    locationAllow: 'location-allow',
    locationDeny: 'location-deny',
    otpValue: 'otp-value',
    otpCountdown: 'otp-countdown',
    otpOrganization: 'otp-organization',
    authOrganization: 'auth-organization',
    authLocation: 'auth-location',
    // issue 10 (web builds a person can use): what tells one request from another, and the passcode while one is pending.
    authTime: 'auth-time', // when the sign-on was requested
    authBrowser: 'auth-browser', // the browser the sign-on comes from
    authUsePasscode: 'auth-use-passcode', // 001 "Approve the request or enter the passcode": show the passcode without denying
    pinRule: 'pin-rule', // 000 step 8: Create a PIN states the length and the different-digit rule
    approve: 'auth-approve', // 000 step 10: "tap Yes to approve"
    deny: 'auth-deny',
    useBiometrics: 'auth-biometrics',
    biometricAllow: 'biometric-allow',
    biometricDeny: 'biometric-deny',
    pinEntryInput: 'pin-entry-input',
    pinEntrySubmit: 'pin-entry-submit',
    pinEntryError: 'pin-entry-error',
    successClose: 'success-close',
    errorCode: 'error-code', // a stable code from models/error-codes.ts
    errorMessage: 'error-message',
    errorBack: 'error-back',
    accountItem: 'account-item', // one per paired organisation
    unpair: 'account-unpair',
    tabAuthentication: 'tab-authentication',
    tabCreds: 'tab-creds',
    credItem: 'cred-item',
    credNewLabel: 'cred-new-label', // 003: "New" for 24 h or until opened
    credField: 'cred-field',
    shareRequiredField: 'share-required-field', // pre-selected, cannot be removed
    shareOptionalField: 'share-optional-field', // checkbox under "Optional"
    shareOptionalCheckbox: 'share-optional-checkbox', // the checked/unchecked state, one per optional field
    shareSubmit: 'share-submit',
    credExport: 'cred-export', // 003 last section: an attempt to back up or move Creds (refused)
    credBack: 'cred-back',
    credsPairApprove: 'creds-pair-approve',
    credsPairError: 'creds-pair-error', // 003 pairing step 4: the device PIN or biometrics did not verify (try again)
    // issue 8 (checks read what a person reads):
    successCheck: 'mobile-success-check', // 000 step 10 result: the green check mark
    locationAdvice: 'location-advice', // 000 step 9: pick the most permissive location option
    shareOptionalHeading: 'share-optional-heading', // 003 share step 2: optional fields under an "Optional" heading
  },
} as const;

/** The desktop authenticator (seed 002). */
export const desktop = {
  screens: {
    pairing: 'desktop-pairing', // 002 step 3: Pairing Key field, Pair
    profileCreate: 'desktop-profile-create', // 002 step 4: Add Profile, name, Create
    pinCreate: 'desktop-pin-create', // 002 step 5.1: Enter PIN, Next
    pinConfirm: 'desktop-pin-confirm', // 002 step 5.2: re-enter, Done
    otp: 'desktop-otp', // 002 step 5 result: OTP with Copy or Refresh
    error: 'desktop-error',
  },
  controls: {
    addProfile: 'desktop-add-profile',
    profileName: 'desktop-profile-name', // the current profile's name
    profileNameInput: 'desktop-profile-name-input',
    profileCreate: 'desktop-profile-create-button',
    profileItem: 'desktop-profile-item',
    pairingKeyInput: 'desktop-pairing-key-input',
    pair: 'desktop-pair',
    pinInput: 'desktop-pin-input',
    pinNext: 'desktop-pin-next',
    pinError: 'desktop-pin-error',
    pinConfirmInput: 'desktop-pin-confirm-input',
    pinDone: 'desktop-pin-done',
    otpValue: 'desktop-otp-value',
    otpCopy: 'desktop-otp-copy',
    otpRefresh: 'desktop-otp-refresh',
    errorCode: 'desktop-error-code',
    errorMessage: 'desktop-error-message',
    errorBack: 'desktop-error-back',
    // issue 10 (web builds a person can use):
    pinRule: 'desktop-pin-rule', // 002 step 5.1: Create PIN states the length ("a 6-digit PIN entry") and the different-digit rule
  },
} as const;

type Values<T> = T[keyof T];
export type PortalScreenId = Values<typeof portal.screens>;
export type PortalControlId = Values<typeof portal.controls>;
export type MobileScreenId = Values<typeof mobile.screens>;
export type MobileControlId = Values<typeof mobile.controls>;
export type DesktopScreenId = Values<typeof desktop.screens>;
export type DesktopControlId = Values<typeof desktop.controls>;
export type ScreenId = PortalScreenId | MobileScreenId | DesktopScreenId;
export type ControlId = PortalControlId | MobileControlId | DesktopControlId;

/**
 * What a driver can observe of a build: the current screen and the visible values of its
 * controls (text, or 'checked'/'unchecked', or 'disabled'). The sims return this directly;
 * the browser drivers read it from the DOM by `data-testid`.
 */
export interface ScreenSnapshot<S extends string = ScreenId, C extends string = ControlId> {
  screen: S;
  /** Control ID -> visible text. Repeated controls (one per item) are joined in a list. */
  values: Partial<Record<C, string | string[]>>;
}

/** The Creds issuer's and requester's pages for people (reference-server/creds/pages.ts). */
export const credsPageIds = {
  index: 'creds-index',
  offer: 'creds-offer',
  offerQr: 'creds-offer-qr',
  offerLink: 'creds-offer-link',
  verify: 'creds-verify',
  verifyQr: 'creds-verify-qr',
  verifyStatus: 'creds-verify-status',
  requiredField: 'creds-verify-required',
  optionalField: 'creds-verify-optional',
  receivedField: 'creds-verify-received',
  receivedIssuer: 'creds-verify-received-issuer',
  error: 'creds-error',
  errorCode: 'creds-error-code',
} as const;
