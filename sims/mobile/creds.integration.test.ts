/**
 * The mobile sim's Creds wallet against the reference server's Creds plugin over a real port
 * (seed 003): pair with two issuers by scanning their QR PNGs, receive (New label), open
 * details, no export, share with required fields fixed and one optional field ticked (the
 * verifier's inbox shows exactly that), one pairing per issuer, a reinstall loses everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../models/runtime.ts';
import { mobile } from '../../models/testids.ts';
import { startReferenceServer, type RunningServer } from '../fixtures/reference.ts';
import { fetchHttpClient } from '../shared/http-client.ts';
import { memoryKeystore } from '../shared/keystore.ts';
import { createMobileApp, type MobileApp } from './app.ts';

const S = mobile.screens;
const C = mobile.controls;

let server: RunningServer;
beforeAll(async () => {
  server = await startReferenceServer({}, 31);
});
afterAll(async () => server.close());

async function control<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.origin}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const png = (dataUrl: string): Uint8Array => new Uint8Array(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));

async function toCapture(app: MobileApp): Promise<void> {
  await app.tap(C.scan);
  if (app.snapshot().screen === S.cameraPrompt) await app.tap(C.cameraAllow);
}

async function pairIssuer(app: MobileApp, issuerId: string): Promise<void> {
  const offer = await control<{ pngDataUrl: string }>('/test/v1/creds/offers', { issuerId });
  await toCapture(app);
  await app.scan(png(offer.pngDataUrl));
  if (app.snapshot().screen !== S.notificationsPrompt) return; // refused at the scan (no device lock)
  await app.tap(C.notificationsAllow);
  expect(app.snapshot().screen).toBe(S.credsPairConfirm);
  await app.tap(C.credsPairApprove);
}

describe('mobile sim Creds x reference server', () => {
  it('pairs with two issuers, receives, shows New until opened, refuses export, and shares only what was ticked', async () => {
    const keystore = memoryKeystore();
    const app = createMobileApp({ clock: server.clock, rng: seededRng(32), http: fetchHttpClient(), server: server.origin, keystore });
    await app.tap(C.welcomeContinue);
    await app.tap(C.notificationsContinue);
    await app.tap(C.notificationsAllow);
    await pairIssuer(app, 'acme');
    expect(app.snapshot().screen).toBe(S.accounts); // home: the Authentication tab
    await pairIssuer(app, 'city-library');
    expect(app.snapshot().screen).toBe(S.accounts);
    await app.tap(C.tabCreds);

    const walletId = (JSON.parse(keystore.get('wallet')!) as { walletId: string }).walletId;
    await control('/test/v1/creds/issue', { issuerId: 'acme', walletId, credentialType: 'EmployeeCard', fields: { name: 'Ada Lovelace', employeeId: 'E-1', email: 'ada@acme.test', phone: '555-0100' } });
    await control('/test/v1/creds/issue', { issuerId: 'city-library', walletId, credentialType: 'LibraryCard', fields: { name: 'Ada Lovelace', cardNumber: 'L-9' } });
    expect(await app.refresh()).toMatchObject({ creds: 2 });
    expect(app.snapshot().values).toMatchObject({ [C.credItem]: ['EmployeeCard · Acme Corp', 'LibraryCard · City Library'], [C.credNewLabel]: ['New', 'New'] });

    await app.tap(C.credItem, 'LibraryCard · City Library');
    expect(app.snapshot().values[C.credField]).toEqual(expect.arrayContaining(['cardNumber: L-9']));
    await app.tap(C.credExport);
    expect(app.snapshot().values[C.errorCode]).toBe('CREDS_NOT_EXPORTABLE');
    await app.tap(C.errorBack);
    await app.tap(C.credBack);
    expect(app.snapshot().values[C.credNewLabel]).toEqual(['New', '']);
    server.clock.advance(24 * 3600 * 1000);
    expect(app.snapshot().values[C.credNewLabel]).toEqual(['', '']);

    const request = await control<{ id: string; pngDataUrl: string }>('/test/v1/creds/presentations', {
      verifierName: 'Rental Co',
      credentialType: 'EmployeeCard',
      requiredFields: ['name', 'employeeId'],
      optionalFields: ['email', 'phone'],
    });
    await toCapture(app);
    await app.scan(png(request.pngDataUrl));
    expect(app.snapshot()).toMatchObject({ screen: S.credsShare, values: { [C.shareOptionalCheckbox]: ['unchecked', 'unchecked'] } });
    await app.tap(C.shareOptionalField, 'phone');
    await app.tap(C.shareSubmit);
    expect(app.snapshot().screen).toBe(S.credsShared);
    const inbox = await control<{ received: { fields: Record<string, string> } }>(`/test/v1/creds/verifier/${request.id}`);
    expect(inbox.received.fields).toEqual({ name: 'Ada Lovelace', employeeId: 'E-1', phone: '555-0100' });

    // One pairing per issuer.
    await app.tap(C.successClose);
    await pairIssuer(app, 'acme');
    expect(app.snapshot().values[C.errorCode]).toBe('CREDS_ALREADY_PAIRED');

    // A reinstall (fresh keystore) has no Creds and no pairings.
    const reinstalled = createMobileApp({ clock: server.clock, rng: seededRng(33), http: fetchHttpClient(), server: server.origin, keystore: memoryKeystore() });
    await reinstalled.tap(C.welcomeContinue);
    await reinstalled.tap(C.notificationsContinue);
    await reinstalled.tap(C.notificationsAllow);
    await reinstalled.tap(C.tabCreds);
    expect(await reinstalled.refresh()).toEqual({ requests: 0, creds: 0 });
    expect(reinstalled.snapshot().values[C.credItem]).toEqual([]);
  });

  it('a device without a screen lock cannot pair with an issuer', async () => {
    const app = createMobileApp({ clock: server.clock, rng: seededRng(34), http: fetchHttpClient(), server: server.origin, platform: { deviceLock: { kind: 'none', verifies: false } } });
    await app.tap(C.welcomeContinue);
    await app.tap(C.notificationsContinue);
    await app.tap(C.notificationsAllow);
    await pairIssuer(app, 'acme');
    expect(app.snapshot().values[C.errorCode]).toBe('CREDS_DEVICE_LOCK_REQUIRED');
  });
});
