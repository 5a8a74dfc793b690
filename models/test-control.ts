/**
 * The test-control hook: how a run advances a server's clock, injects faults and reads back
 * what the server holds. The reference server serves it when started with test control on;
 * a vendor can implement the same routes on their server to let the API driver reach the
 * timeout and error branches. A fault a target cannot inject makes its paths not-applicable.
 */

export const testControlRoutes = {
  /** `{ "ms": number }` -> `{ "now": ISO string }` */
  advanceClock: 'POST /test/v1/clock/advance',
  /** -> `{ "now": ISO string }` */
  readClock: 'GET /test/v1/clock',
  /** `{ "fault": Fault, "target"?: string }` -> 204. One-shot: the next matching operation fails. */
  injectFault: 'POST /test/v1/faults',
  /** -> `{ "faults": Fault[] }`: what this server can inject. */
  listFaults: 'GET /test/v1/faults',
  /** Approve or deny the pending push of a user without a device app (API plans). `{ "username", "decision": "approve"|"deny" }` */
  decidePush: 'POST /test/v1/push/decide',
  /** Read-only views. */
  users: 'GET /test/v1/users/:username',
  flows: 'GET /test/v1/flows/:id',
  verifierInbox: 'GET /test/v1/creds/verifier/:requestId',
  /** Create or reset a user with a given set of devices (API plans set up their preconditions). `{ username, password, devices: [{kind:'mobile'|'sms'|'totp'|'email'}] }` */
  seedUser: 'POST /test/v1/users',
  /** Issue a pairing key for a user, as the portal would. `{ username }` -> `{ key, qr, expiresAt }` */
  issuePairingKey: 'POST /test/v1/pairing-keys',
  /** Issue Creds: `{ issuerId, walletId? | username?, credentialType, fields, expiresAt? }`; make offers `{ issuerId, username? }` and presentation requests `{ verifierName, credentialType, requiredFields, optionalFields? }`. */
  issueCredential: 'POST /test/v1/creds/issue',
  credsOffer: 'POST /test/v1/creds/offers',
  presentationRequest: 'POST /test/v1/creds/presentations',
  /** `{ credentialId }` -> `{ credential }`: revoked, and the wallet notified (`creds-revoked`). */
  credsRevoke: 'POST /test/v1/creds/revoke',
  /** `{ credentialId, walletId }` -> `{ credential, revoked }`: the same Creds to a new wallet (paired with the issuer); the old one revoked. */
  credsReissue: 'POST /test/v1/creds/reissue',
  /** -> `{ issuers: [{ id, name, types: [{ name, fields, required }] }] }` */
  credsIssuers: 'GET /test/v1/creds/issuers',
  /** -> `{ wallets: [{ walletId, pairings: [{ issuerId, pairedAt }], credentials }] }`: the issuers' records of a person's wallets, oldest first. */
  credsUserWallets: 'GET /test/v1/creds/users/:username/wallets',
  /** -> `{ walletId, pairings, credentials, notifications }`: what the server holds for a wallet. */
  credsWallet: 'GET /test/v1/creds/wallets/:walletId',
} as const;

export const faults = ['pairing-error', 'push-not-delivered', 'flow-expired'] as const;
export type Fault = (typeof faults)[number];
