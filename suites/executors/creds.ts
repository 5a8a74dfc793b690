/**
 * creds (seed 003): pair the wallet with an issuer (scan its QR code, device lock), receive
 * Creds, open them, share with a verifier (required fixed, optional opt-in). The issuers,
 * credentials and presentation requests come from the reference server's test control; the
 * phone is the mobile sim, already paired with the organisation (its home is the
 * Authentication tab).
 */
import { mobile } from '../../models/testids.ts';
import { assertCreds } from '../assertions/creds.ts';
import type { PathWorld } from '../port/world.ts';
import { qrPng } from './keys.ts';
import { attachMobile, tap } from './mobile.ts';
import { pairMobileFirst } from './pair-mobile.ts';
import type { Executor, MachineBinding, Step } from './types.ts';
import { credsSecurityProbes, withSecurityProbes } from '../checks/security/probes.ts';
import { targetFetch } from '../drivers/shared/transport.ts';

const M = mobile.controls;
const S = mobile.screens;

/** The two issuers of the model and the reference server's demo issuers. */
const issuers = { a: 'acme', b: 'city-library' } as const;
const employeeCard = { credentialType: 'EmployeeCard', fields: { name: 'Alex Example', employeeId: 'E-1001', department: 'QA', email: 'alex@example.com' } };
/** What the verifier asks: two required fields, two optional (SHARE.SELECT_OPTIONAL ticks the first only). */
export const shareRequest = { verifierName: 'Demo Verifier', credentialType: 'EmployeeCard', requiredFields: ['name', 'employeeId'], optionalFields: ['department', 'email'] };

async function control<T>(world: PathWorld, path: string, body: unknown): Promise<T> {
  const response = await targetFetch(new URL(path, world.base), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as T;
  return json;
}

function pngOf(dataUrl: string): Uint8Array {
  return new Uint8Array(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
}

/** Scan opens the camera (allowed once, as a person does the first time). */
async function openCamera(world: PathWorld, ctx: Step): Promise<void> {
  if (world.mobile.snapshot().screen !== S.capture) await tap(world, M.scan, ctx);
  if (world.mobile.snapshot().screen === S.cameraPrompt) await tap(world, M.cameraAllow, ctx);
}

const scanIssuer: Executor = async (world, event, ctx) => {
  const which = String(event.qr);
  let png: Uint8Array;
  if (which === 'invalid') png = await qrPng('https://example.com/not-an-issuer');
  else {
    const offer = await control<{ pngDataUrl: string }>(world, '/test/v1/creds/offers', { issuerId: which === 'issuer-a' ? issuers.a : issuers.b, username: world.username });
    png = pngOf(offer.pngDataUrl);
  }
  ctx.attach({ name: 'issuer QR code', contentType: 'image/png', body: png });
  world.memo.set('scanned', which);
  // A new pairing attempt: the owner's device PIN or face matches again (a failed check is DEVICE_AUTH.SUBMIT 'failed', per attempt).
  await world.mobile.setDevice({ deviceLockVerifies: true });
  world.memo.set('pairingIssuer', which === 'issuer-a' ? issuers.a : which === 'issuer-b' ? issuers.b : 'none');
  await world.mobile.scan(png);
  attachMobile(world, ctx);
};

/** A wallet as the issuers' records show it (test control's back-office view, not the phone's storage). */
export interface IssuerWallet {
  walletId: string;
  pairings: { issuerId: string; pairedAt: string }[];
  credentials: { id: string; type: string; issuer: { id: string }; revoked?: boolean }[];
}

/**
 * The wallet of the phone in hand, as the issuers recorded it: the newest one the person's
 * phones paired (none when the phone in hand has not paired yet: after a replacement, the old
 * phone's wallet is not it).
 */
export async function phoneWallet(world: PathWorld): Promise<IssuerWallet | undefined> {
  const old = new Set((world.memo.get('oldWallets') as string[] | undefined) ?? []);
  return (await walletsOf(world)).filter((w) => !old.has(w.walletId)).at(-1);
}

async function walletsOf(world: PathWorld): Promise<IssuerWallet[]> {
  const response = await targetFetch(new URL(`/test/v1/creds/users/${encodeURIComponent(world.username)}/wallets`, world.base), { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the issuers' records of ${world.username}: ${response.status}`);
  return ((await response.json()) as { wallets: IssuerWallet[] }).wallets;
}

/**
 * The issuer sends Creds. After a device replacement the issuer reissues what the old phone
 * held (seed 003 "Can I backup or move my Creds": the issuer reissues to the new device).
 */
const issue: Executor = async (world, event, ctx) => {
  const issuerId = event.issuer === 'a' ? issuers.a : issuers.b;
  const old = ((world.memo.get('replacedCreds') as { id: string; issuer: string }[] | undefined) ?? []).filter((c) => c.issuer === issuerId);
  const walletId = (await phoneWallet(world))?.walletId;
  let result: unknown;
  // Reissued only to a new phone paired with that issuer (seed 003: pair per issuer); unpaired, the issuer's send reaches nothing.
  if (old.length > 0 && walletId && world.memo.get(`paired:${issuerId}`) === true) {
    result = [];
    for (const credential of old) {
      const response = await targetFetch(new URL('/test/v1/creds/reissue', world.base), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ credentialId: credential.id, walletId }) });
      const body = (await response.json()) as unknown;
      if (!response.ok) throw new Error(`the issuer could not reissue ${credential.id} to the new phone: ${response.status} ${JSON.stringify(body)}`);
      (result as unknown[]).push(body);
    }
    world.memo.set('replacedCreds', ((world.memo.get('replacedCreds') as { issuer: string }[]) ?? []).filter((c) => c.issuer !== issuerId));
  } else {
    result = await control<unknown>(world, '/test/v1/creds/issue', { issuerId, username: world.username, ...(event.issuer === 'a' ? employeeCard : { credentialType: 'LibraryCard', fields: { name: 'Alex Example', cardNumber: 'L-77' } }) });
  }
  ctx.attach({ name: old.length > 0 ? 'issuer (reissue to the new phone)' : 'issuer', contentType: 'application/json', body: JSON.stringify(result) });
  await world.mobile.refresh();
  attachMobile(world, ctx);
};

const shareScan: Executor = async (world, _e, ctx) => {
  const request = await control<{ id: string; pngDataUrl: string }>(world, '/test/v1/creds/presentations', shareRequest);
  world.memo.set('presentation', request.id);
  await tap(world, M.tabAuthentication, ctx);
  await openCamera(world, ctx);
  const png = pngOf(request.pngDataUrl);
  ctx.attach({ name: 'verifier QR code', contentType: 'image/png', body: png });
  await world.mobile.scan(png);
  attachMobile(world, ctx);
};

/** Time passes on the server clock; on the share screen the person then taps Share, late. */
const clockAdvance: Executor = async (world, event, ctx) => {
  await world.control.advanceClock(Number(event.seconds) * 1000);
  if (world.mobile.snapshot().screen === S.credsShare) await tap(world, M.shareSubmit, ctx);
  else attachMobile(world, ctx);
};

/** The person tries to untick a required field: it is fixed (nothing to tap, or the tap does nothing). */
const removeRequired: Executor = async (world, _e, ctx) => {
  try {
    await world.mobile.tap(M.shareRequiredField, 0);
  } catch (error) {
    ctx.attach({ name: 'required field not removable', contentType: 'text/plain', body: (error as Error).message });
  }
  attachMobile(world, ctx);
};

/**
 * A new phone (or a reinstall): nothing is moved (seed 003 "Can I backup or move my Creds").
 * The person sets the new phone up (same screen lock) and opens its Creds tab; the old
 * phone's Creds are remembered so the issuer can reissue them after the new pairing.
 */
const replaceDevice: Executor = async (world, _e, ctx) => {
  const before = await phoneWallet(world);
  world.memo.set('oldWallet', before?.walletId);
  // Every wallet recorded so far belongs to a phone the person no longer holds.
  world.memo.set('oldWallets', (await walletsOf(world)).map((w) => w.walletId));
  world.memo.set('replacedCreds', (before?.credentials ?? []).filter((c) => !c.revoked).map((c) => ({ id: c.id, issuer: c.issuer.id })));
  for (const key of [...world.memo.keys()].filter((k) => k.startsWith('paired:'))) world.memo.delete(key);
  // The new phone has the same screen lock as the old one (the person sets it up alike).
  await world.mobile.reinstall({ deviceLock: world.memo.get('lock') === 'pin' ? 'pin' : 'none' });
  for (const control of [M.welcomeContinue, M.notificationsContinue, M.notificationsAllow]) await world.mobile.tap(control);
  ctx.attach({ name: 'new phone: Creds held by the old one', contentType: 'application/json', body: JSON.stringify(world.memo.get('replacedCreds')) });
  await tap(world, M.tabCreds, ctx);
};

export const credsBinding: MachineBinding = {
  machine: 'creds',
  async setUp(world, ctx) {
    // A phone without a screen lock until DEVICE.LOCK_SET (a setting of the phone, not the app).
    world.memo.set('lock', 'none');
    await world.mobile.reinstall({ deviceLock: 'none', deviceLockVerifies: true });
    await pairMobileFirst(world, ctx);
    if (world.mobile.snapshot().screen !== S.accounts) await world.mobile.tap(M.tabAuthentication);
    attachMobile(world, ctx);
  },
  executors: {
    'DEVICE.LOCK_SET': {
      role: 'mobile',
      run: async (w, _e, ctx) => {
        w.memo.set('lock', 'pin');
        await w.mobile.setDevice({ deviceLock: 'pin' });
        ctx.attach({ name: 'phone settings', contentType: 'text/plain', body: 'screen lock: PIN' });
      },
    },
    'SCAN.TAP': { role: 'mobile', run: async (w, _e, ctx) => openCamera(w, ctx) },
    'QR.SCAN': { role: 'mobile', run: scanIssuer },
    'PERMISSIONS.ACCEPT': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.notificationsAllow, ctx) },
    'PERMISSIONS.DENY': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.notificationsDeny, ctx) },
    'DEVICE.REPLACE': { role: 'mobile', run: replaceDevice },
    'DEVICE_AUTH.SUBMIT': {
      role: 'mobile',
      run: async (w, e, ctx) => {
        await w.mobile.setDevice({ deviceLockVerifies: e.result === 'ok' });
        await tap(w, M.credsPairApprove, ctx);
        if (w.mobile.snapshot().screen !== S.credsPairConfirm && w.mobile.snapshot().screen !== S.error) w.memo.set(`paired:${String(w.memo.get('pairingIssuer'))}`, true);
      },
    },
    'ERROR.BACK': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.errorBack, ctx) },
    'CREDS.ISSUE': { role: 'control', run: issue },
    'CREDS.TAB': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.tabCreds, ctx) },
    'CREDS.OPEN': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.credItem, ctx, 0) },
    'NAV.BACK': {
      role: 'mobile',
      run: async (w, _e, ctx) => {
        const screen = w.mobile.snapshot().screen;
        await tap(w, screen === S.credDetails ? M.credBack : screen === S.capture ? M.captureBack : M.errorBack, ctx);
      },
    },
    'NAV.HOME': {
      role: 'mobile',
      run: (w, _e, ctx) => tap(w, w.mobile.snapshot().screen === S.credsShared ? M.successClose : M.tabAuthentication, ctx),
    },
    'CLOCK.ADVANCE': { role: 'control', run: clockAdvance },
    'SHARE.SCAN': { role: 'mobile', run: shareScan },
    'SHARE.SELECT_OPTIONAL': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.shareOptionalCheckbox, ctx, 0) },
    'SHARE.REMOVE_REQUIRED': { role: 'mobile', run: removeRequired },
    'SHARE.SUBMIT': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.shareSubmit, ctx) },
  },
  assert: withSecurityProbes(assertCreds, credsSecurityProbes),
};
