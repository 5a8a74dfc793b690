/**
 * The one registry of stable error codes: on the wire (reference server, device API,
 * Authentication API), in the apps (error screens) and in the harness (command line). Callers
 * match `code`, never message text. A code is never reused for another meaning; a retired code
 * stays here with `retired: true`. `docs/errors.md` documents every code; a test keeps the two
 * in step in both directions.
 */

export interface ErrorCodeEntry {
  /** HTTP status for wire errors; 0 for app-side and harness errors. */
  status: number;
  /** Where the code is produced. */
  scope: 'authn-api' | 'device-api' | 'portal' | 'test-control' | 'app' | 'harness' | 'http' | 'oidc';
  description: string;
  retired?: true;
}

export const errorCodes = {
  // --- Authentication API (protocol facts §2) ---
  INVALID_ACTION_ID: { status: 400, scope: 'authn-api', description: 'The action is not one of the `_links` of the current state.' },
  VALIDATION_ERROR: { status: 400, scope: 'authn-api', description: 'The request body failed validation; `details[]` names each problem.' },
  INVALID_OTP: { status: 400, scope: 'authn-api', description: 'Detail code: the OTP is wrong; `attemptsRemaining` says how many tries are left.' },
  INVALID_DEVICE: { status: 400, scope: 'authn-api', description: 'Detail code: `deviceRef.id` names no device of this user.' },
  INVALID_MOBILE_PAYLOAD: { status: 400, scope: 'authn-api', description: 'Detail code: `mobilePayload` cannot be read.' },
  INVALID_CREDENTIALS: { status: 400, scope: 'authn-api', description: 'Detail code: wrong username or password.' },
  RESOURCE_NOT_FOUND: { status: 404, scope: 'authn-api', description: 'No flow with this id, or the flow expired.' },
  ACCOUNT_LOCKED_OUT: { status: 0, scope: 'authn-api', description: 'MFA_FAILED code: too many wrong OTPs.' },
  AUTHENTICATION_CANCELED: { status: 0, scope: 'authn-api', description: 'FAILED code: the client invoked `cancelAuthentication`.' },
  // --- HTTP-level, any API ---
  MALFORMED_JSON: { status: 400, scope: 'http', description: 'The body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, scope: 'http', description: 'The Content-Type is not one this endpoint accepts.' },
  MISSING_XSRF_HEADER: { status: 400, scope: 'http', description: 'API POSTs must carry the `X-XSRF-Header` header (any value).' },
  PAYLOAD_TOO_LARGE: { status: 413, scope: 'http', description: 'The body is larger than the limit.' },
  NOT_FOUND: { status: 404, scope: 'http', description: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: 405, scope: 'http', description: 'The route exists but not with this method.' },
  UNAUTHORIZED: { status: 401, scope: 'http', description: 'Missing or invalid bearer token.' },
  RATE_LIMITED: { status: 429, scope: 'http', description: 'Too many attempts; try again later.' },
  INVALID_VALUE: { status: 400, scope: 'http', description: 'Detail code of VALIDATION_ERROR: the field named by `target` is missing or has the wrong type or value.' },
  INTERNAL_ERROR: { status: 500, scope: 'http', description: 'A bug in the server (never the answer to bad input); the server log has the stack.' },
  // --- OAuth 2.0 / OpenID Connect endpoints (bodies also carry RFC 6749 `error` / `error_description`) ---
  OAUTH_INVALID_CLIENT: { status: 401, scope: 'oidc', description: 'Unknown client_id, or client authentication failed (`invalid_client`; 400 at the authorization endpoint).' },
  OAUTH_INVALID_REQUEST: { status: 400, scope: 'oidc', description: 'A parameter of the authorization request is missing or wrong (`invalid_request`).' },
  OAUTH_INVALID_GRANT: { status: 400, scope: 'oidc', description: 'The authorization code is unknown, used, expired, for another client, or the redirect_uri / PKCE verifier does not match (`invalid_grant`).' },
  OAUTH_UNSUPPORTED_GRANT_TYPE: { status: 400, scope: 'oidc', description: 'Only `authorization_code` is supported (`unsupported_grant_type`).' },
  OAUTH_UNSUPPORTED_RESPONSE_TYPE: { status: 400, scope: 'oidc', description: 'Only `response_type=code` is supported (`unsupported_response_type`).' },
  // --- Device API: pairing (seed 000 steps 5-9, seed 002 steps 3-5) ---
  PAIRING_KEY_INVALID: { status: 404, scope: 'device-api', description: 'No pairing key matches (wrong or mistyped key).' },
  PAIRING_KEY_EXPIRED: { status: 410, scope: 'device-api', description: 'The pairing key outlived its lifetime (policy `pairingKey.ttlSeconds`).' },
  PAIRING_KEY_USED: { status: 409, scope: 'device-api', description: 'The pairing key was already used: keys are single use.' },
  PAIRING_KEY_LOCKED: { status: 429, scope: 'device-api', description: 'Too many wrong keys close to this one (near misses): this registration, or this user\'s pairing, is locked for a while.' },
  CLAIM_INVALID: { status: 401, scope: 'device-api', description: 'The claim token is unknown, used or expired.' },
  PIN_REQUIRED: { status: 400, scope: 'device-api', description: 'The policy requires a PIN of the given length and the app set none.' },
  LOCATION_REQUIRED: { status: 400, scope: 'device-api', description: 'The policy requires the device location and it was denied.' },
  BIOMETRICS_REQUIRED: { status: 400, scope: 'device-api', description: 'The policy requires biometrics set up on the device.' },
  DEVICE_LIMIT_REACHED: { status: 409, scope: 'device-api', description: 'The user already has the maximum allowed devices.' },
  PAIRING_ERROR: { status: 502, scope: 'device-api', description: 'Pairing failed on the server side (injected fault or upstream error).' },
  SERVER_PAYLOAD_INVALID: { status: 400, scope: 'device-api', description: 'The server payload is not a valid, unexpired token from this server.' },
  // --- Device API: authentication requests (seed 001) ---
  REQUEST_NOT_FOUND: { status: 404, scope: 'device-api', description: 'No pending request with this id for this device.' },
  REQUEST_EXPIRED: { status: 410, scope: 'device-api', description: 'The request timed out before the answer (policy `push.totalTimeoutSeconds`).' },
  REQUEST_ALREADY_DECIDED: { status: 409, scope: 'device-api', description: 'The request was already approved or denied.' },
  PIN_NOT_VERIFIED: { status: 400, scope: 'device-api', description: 'The policy sets a PIN and the app did not verify it before approving.' },
  BIOMETRICS_NOT_VERIFIED: { status: 400, scope: 'device-api', description: 'The policy requires biometrics and they were not verified.' },
  // --- Portal (seed 002 step 6) ---
  OTP_INVALID: { status: 400, scope: 'portal', description: 'The OTP typed in the Authentication field is wrong.' },
  OTP_REPLAYED: { status: 400, scope: 'portal', description: 'The OTP was already used: each OTP signs on once.' },
  OTP_LOCKED: { status: 429, scope: 'portal', description: 'Too many wrong OTPs: sign-on is blocked for a while.' },
  SIGNON_FAILED: { status: 401, scope: 'portal', description: 'Wrong username or password.' },
  SESSION_EXPIRED: { status: 401, scope: 'portal', description: 'The portal session is missing or expired; sign on again.' },
  PUSH_DENIED: { status: 0, scope: 'portal', description: 'Failure page reason: the authentication request was denied on the device.' },
  PUSH_TIMED_OUT: { status: 0, scope: 'portal', description: 'Failure page reason: the authentication request timed out (policy `push` timeouts).' },
  // --- Creds (seed 003) ---
  CREDS_ALREADY_PAIRED: { status: 409, scope: 'device-api', description: 'This wallet is already paired with this issuer: one pairing per issuer.' },
  CREDS_DEVICE_LOCK_REQUIRED: { status: 400, scope: 'device-api', description: 'Pairing with an issuer needs the device PIN or biometrics.' },
  CREDS_OFFER_INVALID: { status: 404, scope: 'device-api', description: 'The issuer QR code or link is unknown or expired.' },
  PRESENTATION_NOT_FOUND: { status: 404, scope: 'device-api', description: 'No presentation request with this id.' },
  PRESENTATION_EXPIRED: { status: 410, scope: 'device-api', description: 'The presentation request expired (5 minutes).' },
  PRESENTATION_MISSING_REQUIRED_FIELD: { status: 400, scope: 'device-api', description: 'The response lacks a required field.' },
  PRESENTATION_UNREQUESTED_FIELD: { status: 400, scope: 'device-api', description: 'The response contains a field that was not requested.' },
  PRESENTATION_WRONG_CREDENTIAL: { status: 400, scope: 'device-api', description: 'The credential is not of the requested type, is revoked, or not this wallet\'s.' },
  PRESENTATION_ALREADY_ANSWERED: { status: 409, scope: 'device-api', description: 'The presentation request was already answered: each request is shared once.' },
  PRESENTATION_FIELD_MISMATCH: { status: 400, scope: 'device-api', description: 'A shared field value differs from the value the issuer issued.' },
  CREDS_ISSUER_NOT_FOUND: { status: 404, scope: 'test-control', description: 'No issuer with this id on this server (Creds test control and issuer pages).' },
  CREDS_CREDENTIAL_TYPE_UNKNOWN: { status: 400, scope: 'test-control', description: 'The issuer does not issue this credential type.' },
  CREDS_FIELDS_INVALID: { status: 400, scope: 'test-control', description: 'The fields do not fit the credential type: an unknown field, or a required one missing (`details[]`).' },
  CREDS_NOT_PAIRED: { status: 409, scope: 'test-control', description: 'The wallet is not paired with this issuer: Creds are issued only to paired wallets.' },
  CREDS_CREDENTIAL_NOT_FOUND: { status: 404, scope: 'test-control', description: 'No issued credential with this id.' },
  // --- Security (issue 9: refusals that close the reference server's holes) ---
  MFA_REQUIRED: { status: 403, scope: 'portal', description: 'The user already has a device: authenticate with it (MFA) before adding another.' },
  CSRF_TOKEN_INVALID: { status: 403, scope: 'portal', description: 'A portal form was posted without its CSRF token, with a wrong one, or from another origin (`Origin` header).' },
  PAIRING_KEY_REVOKED: { status: 410, scope: 'device-api', description: 'A newer pairing key was issued for this registration (Start pressed again): only the latest key pairs.' },
  OAUTH_LOGIN_REQUIRED: { status: 400, scope: 'oidc', description: '`prompt=none` and no signed-on, authenticated session (`login_required`, OpenID Connect Core 3.1.2.6).' },
  OAUTH_INVALID_TOKEN: { status: 401, scope: 'oidc', description: 'The userinfo bearer access token is missing, unknown or expired (`invalid_token`, RFC 6750 3.1).' },
  OAUTH_INSUFFICIENT_SCOPE: { status: 403, scope: 'oidc', description: 'The access token was not granted the `openid` scope (`insufficient_scope`, RFC 6750 3.1).' },
  CREDS_WALLET_NOT_OWNED: { status: 401, scope: 'device-api', description: 'The wallet id already has pairings: a new pairing for it needs a wallet token of that wallet (Bearer).' },
  CREDS_OFFER_UNAUTHENTICATED: { status: 401, scope: 'device-api', description: 'An issuer offer for a named user needs that user signed on with MFA in the portal.' },
  CLIENT_ERROR: { status: 400, scope: 'http', description: 'The HTTP request itself could not be read (bad URL, header too large, malformed request line).' },
  // --- Test control ---
  TEST_CONTROL_DISABLED: { status: 404, scope: 'test-control', description: 'Test control is off on this server.' },
  FAULT_UNKNOWN: { status: 400, scope: 'test-control', description: 'The server cannot inject this fault.' },
  // --- App side (error screens of the sims and builds) ---
  QR_UNREADABLE: { status: 0, scope: 'app', description: 'The image holds no readable QR code.' },
  QR_NOT_PAIRING: { status: 0, scope: 'app', description: 'The QR code is readable but is not a pairing payload.' },
  PIN_TOO_SHORT: { status: 0, scope: 'app', description: 'The PIN does not have the length the policy sets.' },
  PIN_NOT_DIGITS: { status: 0, scope: 'app', description: 'A PIN has digits only.' },
  PIN_TOO_FEW_DISTINCT: { status: 0, scope: 'app', description: 'The PIN has fewer distinct digits than the policy asks.' },
  PIN_SEQUENCE: { status: 0, scope: 'app', description: 'The PIN is an ascending or descending sequence.' },
  PIN_MISMATCH: { status: 0, scope: 'app', description: 'The re-entered PIN differs from the first.' },
  PIN_WRONG: { status: 0, scope: 'app', description: 'The PIN entered to authenticate is wrong.' },
  PIN_BLOCKED: { status: 0, scope: 'app', description: 'Too many wrong PINs: entry is blocked for a while.' },
  NETWORK_ERROR: { status: 0, scope: 'app', description: 'The server could not be reached.' },
  CREDS_NOT_EXPORTABLE: { status: 0, scope: 'app', description: 'Creds cannot be backed up or transferred; ask the issuer to reissue.' },
  CAMERA_DENIED: { status: 0, scope: 'app', description: 'Camera access was not allowed: scanning is off; enter the pairing key instead.' },
  BIOMETRICS_FAILED: { status: 0, scope: 'app', description: 'Biometrics were declined or did not match; approve with the PIN or tap instead.' },
  CREDS_PERMISSIONS_REQUIRED: { status: 0, scope: 'app', description: 'Creds pairing needs notifications and the camera: a declined permission stops the pairing.' },
  CREDS_DEVICE_AUTH_FAILED: { status: 0, scope: 'app', description: 'The device PIN or biometrics did not verify: Creds pairing waits for another try.' },
  CREDS_NO_MATCHING_CREDENTIAL: { status: 0, scope: 'app', description: 'The wallet holds no Creds of the type the requester asks for.' },
  PROFILE_NAME_REQUIRED: { status: 0, scope: 'app', description: 'Desktop app: a profile needs a name before Create.' },
  PROFILE_NAME_TAKEN: { status: 0, scope: 'app', description: 'Desktop app: a profile with this name already exists.' },
  GESTURE_UNAVAILABLE: { status: 409, scope: 'app', description: 'Web builds: the gesture names a control that is not on the current screen.' },
  UNEXPECTED_RESPONSE: { status: 0, scope: 'app', description: 'The server answered with something the app cannot read (no stable error code).' },
  // --- Harness (command line, exit code 2) ---
  USAGE: { status: 0, scope: 'harness', description: 'The command line is wrong; see --help.' },
  UNKNOWN_PLAN: { status: 0, scope: 'harness', description: 'No plan with that name.' },
  UNKNOWN_DRIVER: { status: 0, scope: 'harness', description: 'No driver with that name.' },
  UNKNOWN_VARIANT: { status: 0, scope: 'harness', description: 'No policy variant key or value with that name.' },
  UNKNOWN_PATH: { status: 0, scope: 'harness', description: 'No path with that id in the plan and variants given (--path).' },
  UNKNOWN_DEVIATION: { status: 0, scope: 'harness', description: 'No deviation with that name.' },
  UNKNOWN_MACHINE: { status: 0, scope: 'harness', description: 'No flow machine with that name (authconf models NAME).' },
  TARGET_UNREACHABLE: { status: 0, scope: 'harness', description: 'The --target URL did not answer.' },
  TARGET_REQUIRED: { status: 0, scope: 'harness', description: 'This driver needs --target URL.' },
  BROWSER_MISSING: { status: 0, scope: 'harness', description: 'No Chromium found; install Debian\'s chromium or set AUTHCONF_CHROMIUM.' },
  PORT_IN_USE: { status: 0, scope: 'harness', description: 'The port is taken; choose another with --port.' },
  POLICY_INVALID: { status: 0, scope: 'harness', description: 'A policy override (--policy-json, --variant) is outside what models/policy.ts allows.' },
  DB_UNUSABLE: { status: 0, scope: 'harness', description: 'The --db file cannot be opened or is not an authconf database.' },
  ALLURE_RESULTS_MISSING: { status: 0, scope: 'harness', description: '`authconf report`: DIR/allure-results is missing or holds no result; run `authconf run --out DIR` first.' },
  ALLURE_FAILED: { status: 0, scope: 'harness', description: '`authconf report`: the Allure 3 command line is not installed or did not produce the report.' },
  // --- Detox driver (issue 11) ---
  DETOX_LAUNCH_FAILED: { status: 0, scope: 'harness', description: '`detox test` did not start the app and connect its runner back within the launch timeout (Detox\'s last lines are in the message).' },
  DETOX_DEVICE_DISCONNECTED: { status: 0, scope: 'harness', description: 'The Detox runner exited or its connection closed mid-plan: the app crashed or the device went away.' },
  DETOX_TIMEOUT: { status: 0, scope: 'harness', description: 'A Detox call (tap, wait, read) did not answer within the plan\'s timeout.' },
  DETOX_CALL_FAILED: { status: 0, scope: 'harness', description: 'Detox refused or failed a call (e.g. no element with that testID); the message is Detox\'s.' },
  DETOX_NOT_SUPPORTED: { status: 0, scope: 'harness', description: 'The device cannot do this (e.g. opening a link on the web device): the step is not applicable there.' },
  DETOX_CONFIG_EXISTS: { status: 0, scope: 'harness', description: '`authconf detox init`: the file exists; pass --force to overwrite it.' },
  // --- issue 13 (shards, merge, baselines) ---
  MERGE_MISMATCH: { status: 0, scope: 'harness', description: '`authconf merge`: the directories are not shards of one run (plan, driver, target, seed, variants, deviations, coverage or version differ), a shard is missing or given twice, or a directory holds no conformance.json.' },
  BASELINE_INVALID: { status: 0, scope: 'harness', description: '`authconf run --expect FILE`: the baseline file cannot be read, is not JSON of the documented form, or names an unknown requirement.' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}

/**
 * Bad input to the harness (unknown plan, variant, deviation, path; unreachable target; bad
 * option): a stable code from this registry. Thrown by the engine and the command line alike;
 * `cli/main.ts` prints it with its code and exits 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly code: ErrorCode = 'USAGE',
  ) {
    super(message);
  }
}
