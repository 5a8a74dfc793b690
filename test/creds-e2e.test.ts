/**
 * Seed 003 end to end: the mobile sim (`sims/mobile`) against the reference server on a real
 * port. The wallet pairs with two issuers by scanning the QR PNGs of their offer pages, receives
 * a credential (notification, Creds tab, New label), opens it, shares it with a verifier whose QR
 * it scans (required fields fixed, one optional selected, one not), and the verifier receives
 * exactly the required and the selected fields. A second pairing with the same issuer is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mobile } from '../models/testids.ts';
import { seededRng } from '../models/runtime.ts';
import { PortalVisitor, startReferenceServer, type RunningServer } from '../sims/fixtures/reference.ts';
import { fetchHttpClient } from '../sims/shared/http-client.ts';
import { createMobileApp, type MobileApp } from '../sims/mobile/app.ts';
import { credsPageIds } from '../reference-server/creds/pages.ts';

const S = mobile.screens;
const C = mobile.controls;

/** The PNG bytes of the `<img data-testid=...>` on a server page, fetched as a browser would. */
async function qrPngOnPage(server: RunningServer, path: string, testId: string, browser?: PortalVisitor): Promise<Uint8Array> {
  const html = browser ? (await browser.get(path)).text : await (await fetch(`${server.origin}${path}`)).text();
  const tag = new RegExp(`<img[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0];
  const base64 = tag && /src="data:image\/png;base64,([^"]+)"/.exec(tag)?.[1];
  if (!base64) throw new Error(`no ${testId} PNG on ${path}`);
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

async function testControl<T>(server: RunningServer, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.origin}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Alice signed on with MFA in the portal (a TOTP device set up by test control): an offer in her name needs that (issue 9). */
async function aliceSignedOn(server: RunningServer): Promise<PortalVisitor> {
  await testControl(server, 'POST', '/test/v1/users', { username: 'alice', password: 'alice-password', devices: [{ kind: 'totp' }] });
  const browser = new PortalVisitor(server.origin);
  await browser.signOn('alice', 'alice-password');
  const view = await testControl<{ devices: { currentOtp: string }[] }>(server, 'GET', '/test/v1/users/alice');
  await browser.postForm('/portal/otp', { otp: view.devices[0]!.currentOtp });
  return browser;
}

async function scanPng(app: MobileApp, png: Uint8Array): Promise<void> {
  await app.tap(C.scan);
  if (app.snapshot().screen === S.cameraPrompt) await app.tap(C.cameraAllow);
  await app.scan(png);
}

describe('Creds: mobile sim x reference server on a real port (seed 003)', () => {
  let server: RunningServer;
  let app: MobileApp;
  beforeAll(async () => {
    server = await startReferenceServer();
    app = createMobileApp({ clock: server.clock, rng: seededRng(3), http: fetchHttpClient(), server: server.origin });
    await app.tap(C.welcomeContinue);
    await app.tap(C.notificationsContinue);
    await app.tap(C.notificationsAllow);
  });
  afterAll(async () => server.close());

  it('pairs with Acme Corp and City Library by scanning their offer QR PNGs', async () => {
    const alice = await aliceSignedOn(server);
    for (const issuer of ['acme', 'city-library']) {
      await scanPng(app, await qrPngOnPage(server, `/creds/issuers/${issuer}/offer?username=alice`, credsPageIds.offerQr, alice));
      expect(app.snapshot().screen).toBe(S.notificationsPrompt); // the permissions (seed 003 pairing step 3)
      await app.tap(C.notificationsAllow);
      expect(app.snapshot().screen).toBe(S.credsPairConfirm);
      await app.tap(C.credsPairApprove);
      expect([S.scan, S.accounts]).toContain(app.snapshot().screen); // home
    }
    await app.tap(C.tabCreds);
    expect(app.snapshot().values[C.credItem]).toEqual([]);
  });

  let walletId = '';
  it('receives a credential: a creds-issued notification, the Creds tab lists it labelled New, opening it clears the label', async () => {
    const { credential } = await testControl<{ credential: { id: string; walletId: string } }>(server, 'POST', '/test/v1/creds/issue', {
      issuerId: 'acme',
      username: 'alice',
      credentialType: 'EmployeeCard',
      fields: { name: 'Ada Lovelace', employeeId: 'E-1', department: 'Engines', email: 'ada@acme.test', phone: '555-0100' },
    });
    walletId = credential.walletId;
    const held = await testControl<{ pairings: { issuerId: string }[]; notifications: { kind: string; credentialId: string }[] }>(server, 'GET', `/test/v1/creds/wallets/${walletId}`);
    expect(held.pairings.map((p) => p.issuerId)).toEqual(['acme', 'city-library']);
    expect(held.notifications).toEqual([expect.objectContaining({ kind: 'creds-issued', credentialId: credential.id })]);

    expect(await app.refresh()).toEqual({ requests: 0, creds: 1 });
    await app.tap(C.tabCreds);
    expect(app.snapshot()).toMatchObject({ screen: S.credsList, values: { [C.credItem]: ['EmployeeCard · Acme Corp'], [C.credNewLabel]: ['New'] } });
    await app.tap(C.credItem, 0);
    expect(app.snapshot()).toMatchObject({
      screen: S.credDetails,
      values: { [C.credField]: ['name: Ada Lovelace', 'employeeId: E-1', 'department: Engines', 'email: ada@acme.test', 'phone: 555-0100'] },
    });
    await app.tap(C.credBack);
    expect(app.snapshot().values[C.credNewLabel]).toEqual(['']);
  });

  it('shares with a verifier: required fields fixed, one optional selected and one not; the verifier receives exactly those', async () => {
    const request = await testControl<{ id: string }>(server, 'POST', '/test/v1/creds/presentations', {
      verifierName: 'Rental Co',
      credentialType: 'EmployeeCard',
      requiredFields: ['name', 'employeeId'],
      optionalFields: ['email', 'phone'],
    });
    await scanPng(app, await qrPngOnPage(server, `/creds/verify/${request.id}`, credsPageIds.verifyQr));
    expect(app.snapshot()).toMatchObject({
      screen: S.credsShare,
      values: { [C.shareRequiredField]: ['name: Ada Lovelace', 'employeeId: E-1'], [C.shareOptionalCheckbox]: ['unchecked', 'unchecked'] },
    });
    await app.tap(C.shareRequiredField, 0); // required: cannot be removed
    expect(app.snapshot().values[C.shareRequiredField]).toEqual(['name: Ada Lovelace', 'employeeId: E-1']);
    await app.tap(C.shareOptionalCheckbox, 1); // phone: selected; email stays unselected
    expect(app.snapshot().values[C.shareOptionalCheckbox]).toEqual(['unchecked', 'checked']);
    await app.tap(C.shareSubmit);
    expect(app.snapshot().screen).toBe(S.credsShared);

    const inbox = await testControl<{ request: { status: string }; received: { fields: Record<string, string>; walletId: string } }>(server, 'GET', `/test/v1/creds/verifier/${request.id}`);
    expect(inbox.request.status).toBe('verified');
    expect(inbox.received.walletId).toBe(walletId);
    expect(inbox.received.fields).toEqual({ name: 'Ada Lovelace', employeeId: 'E-1', phone: '555-0100' });
    const page = await (await fetch(`${server.origin}/creds/verify/${request.id}`)).text();
    expect([...page.matchAll(/data-testid="creds-verify-received"><code>(\w+)<\/code>/g)].map((m) => m[1])).toEqual(['name', 'employeeId', 'phone']);
  });

  it('a second pairing with the same issuer is refused (CREDS_ALREADY_PAIRED)', async () => {
    await app.tap(C.successClose);
    await scanPng(app, await qrPngOnPage(server, '/creds/issuers/acme/offer', credsPageIds.offerQr));
    await app.tap(C.notificationsAllow);
    await app.tap(C.credsPairApprove);
    expect(app.snapshot().values[C.errorCode]).toBe('CREDS_ALREADY_PAIRED');
    const held = await testControl<{ pairings: unknown[] }>(server, 'GET', `/test/v1/creds/wallets/${walletId}`);
    expect(held.pairings).toHaveLength(2);
  });
});
