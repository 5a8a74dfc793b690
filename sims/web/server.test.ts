/**
 * The web build's HTTP surface without a browser (inject): gestures drive the same sim core,
 * the HTML carries the same IDs and values as the snapshot, bad gestures get stable codes.
 * The sims talk to the test-only fake device API here; web.browser.test.ts uses the real server.
 */
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { mobile } from '../../models/testids.ts';
import { FakeDeviceServer } from '../fixtures/fake-device-server.ts';
import { buildSimsWeb } from './server.ts';

const S = mobile.screens;
const C = mobile.controls;
const clock = new ManualClock();
const fake = new FakeDeviceServer(clock);
const web = buildSimsWeb({ server: 'http://org.test', clock, rng: seededRng(1), http: fake });

beforeAll(async () => web.ready());
afterAll(async () => web.close());

type State = { screen: string; snapshot: { screen: string; values: Record<string, string | string[]> } };
async function gesture(body: unknown, sim = 'mobile'): Promise<{ status: number; json: State & { code?: string } }> {
  const r = await web.inject({ method: 'POST', url: `/${sim}/gesture`, payload: body as object });
  return { status: r.statusCode, json: r.json() };
}

describe('sims web server', () => {
  it('serves both pages with the current screen and the assets', async () => {
    const page = await web.inject({ url: '/mobile' });
    expect(page.body).toContain(`data-testid="${S.welcome}"`);
    expect(page.body).toContain('<script src="/assets/app.js" data-jsqr="/assets/jsQR.js">'); // jsQR loads with the camera
    for (const asset of ['/assets/jsQR.js', '/assets/app.js', '/assets/style.css']) expect((await web.inject({ url: asset })).statusCode).toBe(200);
    expect((await web.inject({ url: '/desktop' })).body).toContain('data-testid="desktop-pairing"');
  });

  it('renders every value of the snapshot into the DOM under its control ID', async () => {
    await gesture({ kind: 'tap', control: C.welcomeContinue });
    await gesture({ kind: 'tap', control: C.notificationsContinue });
    await gesture({ kind: 'tap', control: C.notificationsAllow });
    await gesture({ kind: 'tap', control: C.scan });
    await gesture({ kind: 'tap', control: C.cameraAllow });
    const png = (await QRCode.toBuffer(fake.offerCreds({ id: 'acme', name: 'Acme Corp' }))).toString('base64');
    expect((await gesture({ kind: 'scan-image', image: png })).json.snapshot.screen).toBe(S.notificationsPrompt);
    await gesture({ kind: 'tap', control: C.notificationsAllow });
    await gesture({ kind: 'tap', control: C.credsPairApprove });
    await gesture({ kind: 'tap', control: C.tabCreds });
    fake.issueCredential('acme', 'EmployeeCard', { name: 'Ada', email: 'ada@acme.test' });
    const state = (await web.inject({ method: 'POST', url: '/mobile/refresh' })).json<State>();
    expect(state.snapshot).toMatchObject({ screen: S.credsList, values: { [C.credItem]: ['EmployeeCard · Acme Corp'], [C.credNewLabel]: ['New'] } });
    for (const [id, value] of Object.entries(state.snapshot.values)) {
      for (const text of [value].flat()) expect(state.screen).toMatch(new RegExp(`data-testid="${id}"[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`));
    }
    // Share: optional checkbox rendered checked after the tap, required field fixed.
    const present = fake.requestPresentation('EmployeeCard', ['name'], ['email']);
    await gesture({ kind: 'tap', control: C.scan });
    expect((await gesture({ kind: 'scan-text', text: present })).json.snapshot.screen).toBe(S.credsShare);
    const toggled = await gesture({ kind: 'tap', control: C.shareOptionalCheckbox, item: 0 });
    expect(toggled.json.screen).toMatch(/data-testid="share-optional-checkbox" data-item="0" data-gesture="tap" checked/);
    expect((await gesture({ kind: 'tap', control: C.shareSubmit })).json.snapshot.screen).toBe(S.credsShared);
  });

  it('refuses a control that is not on screen (409 GESTURE_UNAVAILABLE) and malformed gestures (400)', async () => {
    expect(await gesture({ kind: 'tap', control: C.approve })).toMatchObject({ status: 409, json: { code: 'GESTURE_UNAVAILABLE' } });
    expect(await gesture({ kind: 'fly' })).toMatchObject({ status: 400, json: { code: 'VALIDATION_ERROR' } });
    expect(await gesture({ kind: 'scan-text', text: 'x' }, 'desktop')).toMatchObject({ status: 400, json: { code: 'VALIDATION_ERROR' } });
    const broken = await web.inject({ method: 'POST', url: '/mobile/gesture', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('reset relaunches with the same keystore, or reinstalls with a fresh one', async () => {
    const relaunched = (await web.inject({ method: 'POST', url: '/mobile/reset', payload: {} })).json<State>();
    expect(relaunched.snapshot.screen).toBe(S.accounts); // onboarded: the Authentication tab (empty: Creds only)
    const reinstalled = (await web.inject({ method: 'POST', url: '/mobile/reset', payload: { reinstall: true } })).json<State>();
    expect(reinstalled.snapshot.screen).toBe(S.welcome);
  });
});

describe('simsWebPlugin under a prefix (as another server would mount it)', () => {
  it('serves the pages, assets and gestures below the prefix', async () => {
    const { default: Fastify } = await import('fastify');
    const { simsWebPlugin } = await import('./server.ts');
    const host = Fastify();
    await host.register(simsWebPlugin({ server: 'http://org.test', clock, rng: seededRng(2), http: fake }), { prefix: '/sims' });
    const page = await host.inject({ url: '/sims/mobile' });
    expect(page.body).toContain('data-base="/sims"');
    expect(page.body).toContain('src="/sims/assets/app.js"');
    expect((await host.inject({ url: '/sims/assets/jsQR.js' })).statusCode).toBe(200);
    const tapped = await host.inject({ method: 'POST', url: '/sims/mobile/gesture', payload: { kind: 'tap', control: C.welcomeContinue } });
    expect(tapped.json<State>().snapshot.screen).toBe(S.notifications);
    await host.close();
  });
});
