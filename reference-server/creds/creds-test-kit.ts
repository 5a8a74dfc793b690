/** Shared by the Creds tests: a server with test control, pairing a wallet, issuing, reading QR PNGs. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Credential, CredsPairRequest, CredsPairResponse } from '../../models/device-api.ts';
import { bearer, post } from '../test-helpers.ts';

export const device: CredsPairRequest['device'] = { kind: 'mobile', name: 'Pixel 8', platform: 'android', notificationsEnabled: true };

export function pairBody(offer: string, walletId: string, overrides: Partial<CredsPairRequest> = {}): CredsPairRequest {
  return { offer, walletId, deviceLock: { kind: 'biometrics', verified: true }, device, ...overrides };
}

export interface Offer {
  offer: string;
  qr: string;
  link: string;
  expiresAt: string;
  pngDataUrl: string;
}

export async function makeOffer(app: FastifyInstance, issuerId = 'acme', username?: string): Promise<Offer> {
  const res = await post(app, '/test/v1/creds/offers', { issuerId, ...(username ? { username } : {}) });
  if (res.statusCode !== 201) throw new Error(`offer failed: ${res.statusCode} ${res.body}`);
  return res.json<Offer>();
}

/** Pairs `walletId` with the issuer through a fresh offer's QR payload; returns the wallet token. */
/** A token of each wallet's first pairing, per app: later pairings of the wallet prove it with one (issue 9). */
const walletTokens = new WeakMap<FastifyInstance, Map<string, string>>();

/** `Authorization` for pairing `walletId` again: a token of one of its pairings, once it has one. */
export function walletProof(app: FastifyInstance, walletId: string): Record<string, string> {
  const token = walletTokens.get(app)?.get(walletId);
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function pairWallet(app: FastifyInstance, walletId: string, issuerId = 'acme'): Promise<string> {
  const { qr } = await makeOffer(app, issuerId);
  const res = await post(app, '/device/v1/creds/pairings', pairBody(qr, walletId), walletProof(app, walletId));
  if (res.statusCode !== 201) throw new Error(`pairing failed: ${res.statusCode} ${res.body}`);
  const token = res.json<CredsPairResponse>().walletToken;
  let tokens = walletTokens.get(app);
  if (!tokens) walletTokens.set(app, (tokens = new Map()));
  if (!tokens.has(walletId)) tokens.set(walletId, token);
  return token;
}

export const employee = { name: 'Ada Lovelace', employeeId: 'E-1', department: 'Engines', email: 'ada@acme.test', phone: '555-0100' };

export async function issue(app: FastifyInstance, walletId: string, extra: Record<string, unknown> = {}): Promise<Credential & { walletId: string }> {
  const res = await post(app, '/test/v1/creds/issue', { issuerId: 'acme', walletId, credentialType: 'EmployeeCard', fields: employee, ...extra });
  if (res.statusCode !== 201) throw new Error(`issue failed: ${res.statusCode} ${res.body}`);
  return res.json<{ credential: Credential & { walletId: string } }>().credential;
}

export async function listCreds(app: FastifyInstance, token: string): Promise<Credential[]> {
  return (await app.inject({ url: '/device/v1/creds', headers: bearer(token) })).json<{ credentials: Credential[] }>().credentials;
}

export async function presentation(app: FastifyInstance, requiredFields = ['name', 'employeeId'], optionalFields = ['email', 'phone'], credentialType = 'EmployeeCard') {
  const res = await post(app, '/test/v1/creds/presentations', { verifierName: 'Rental Co', credentialType, requiredFields, optionalFields });
  if (res.statusCode !== 201) throw new Error(`presentation failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; qr: string; link: string; expiresAt: string; pngDataUrl: string }>();
}

export function share(app: FastifyInstance, token: string, id: string, credentialId: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  return post(app, `/device/v1/creds/presentations/${id}`, { credentialId, fields }, bearer(token));
}

export async function inbox(app: FastifyInstance, id: string) {
  return (await app.inject({ url: `/test/v1/creds/verifier/${id}` })).json<{ request: { status: string }; received: null | { fields: Record<string, string>; credentialId: string; walletId: string } }>();
}

/** The text of a QR code in a `data:image/png;base64,...` URL, read with jsQR as a camera would. */
export function decodeQrDataUrl(dataUrl: string): string | undefined {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** Everything the Creds plugin stores, to check that a refusal changed nothing. */
export function credsState(app: FastifyInstance): unknown {
  const { store } = app.authconf;
  return (['credsOffers', 'walletPairings', 'walletTokens', 'credentials', 'credsNotifications', 'presentations'] as const).map((c) => store.list(c));
}
