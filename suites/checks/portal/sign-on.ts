/**
 * The portal's first pages (seed 000 step 1, seed 002 steps 1-2): a wrong password is refused on
 * the sign-on page; signed on, the registration window offers Start; Start opens Add a New Device
 * with the QR code and, beneath it, the pairing key in the policy's format, which the QR code
 * encodes; Desktop opens Desktop Setup with a key in that format.
 */
import { decodeQr } from '../../../models/qr.ts';
import { portal } from '../../../models/testids.ts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureKeyInPolicyFormat, ensureScreen, ensureShows, portalShown, textOf } from '../shared/shown.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

const P = portal.controls;

export const ensureWrongPasswordRefusedAtSignOn = defineCheck('ensureWrongPasswordRefusedAtSignOn', ['MOB-PAIR-SIGN-ON'], async (world: PathWorld) => {
  const { screen, values } = portalShown(world);
  ensureScreen(screen, portal.screens.signOn, 'after a wrong password');
  ensure(textOf(values, P.signOnError).trim() !== '', [], 'a wrong password is refused without an error on the sign-on page', { code: 'VALUE_MISMATCH', actual: values });
  // The same refusal, not a server error, for forms no browser page sends but any client can: no
  // password field at all, and a username longer than any account's (probes: HTTP answers only).
  // As a browser would: the sign-on page first, for its CSRF cookie and the form's hidden field.
  const signOnPage = await targetFetch(new URL('/portal/signon', world.base));
  const cookie = (signOnPage.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await signOnPage.text())?.[1] ?? '';
  for (const [what, form] of [['a sign-on without a password field', { username: world.username }], ['a sign-on with a 201-character username', { username: 'u'.repeat(201), password: world.password }]] as const) {
    const response = await targetFetch(new URL('/portal/signon', world.base), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams({ ...form, csrf }).toString() });
    const page = await response.text();
    ensure(response.status === 401 && page.includes(`data-testid="${P.signOnError}"`), [], `${what} answered ${response.status}, expected 401 and the sign-on page with its error`, { code: 'SIGNON_NOT_REFUSED', expected: 401, actual: { status: response.status, body: page.slice(0, 300) } });
  }
});

export const ensureSignedOnUserSeesStart = defineCheck('ensureSignedOnUserSeesStart', ['MOB-PAIR-SIGN-ON', 'MOB-PAIR-REGISTRATION-START'], (world: PathWorld) => {
  const { screen, values } = portalShown(world);
  ensureScreen(screen, portal.screens.registration, 'signed on without a device');
  ensureShows(values, P.start, /^start$/i, 'the registration window');
});

/** The QR code on the portal (the other device) decodes to a pairing payload for the key printed beneath it. */
export const ensureQrCodeEncodesTheKeyShownBeneath = defineCheck('ensureQrCodeEncodesTheKeyShownBeneath', ['MOB-PAIR-ADD-DEVICE-QR', 'MOB-PAIR-ADD-DEVICE-KEY', 'MOB-PAIR-QR-OTHER-DEVICE'], async (world: PathWorld) => {
  const { screen, values } = portalShown(world);
  ensureScreen(screen, portal.screens.addDevice, 'Add a New Device');
  const key = ensureKeyInPolicyFormat(world, textOf(values, P.pairingKey), 'the key beneath the QR code');
  const png = await world.portal.image(P.qrImage);
  ensure(png !== undefined, [], 'Add a New Device shows no QR image', { code: 'VALUE_MISMATCH', actual: values });
  const image = PNG.sync.read(Buffer.from(png));
  const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
  const payload = text === undefined ? undefined : decodeQr(text);
  ensure(payload?.kind === 'pair', [], `the QR code reads ${JSON.stringify(text)}, not a pairing payload`, { code: 'QR_NOT_PAIRING', actual: text });
  ensure(payload.key === key, [], `the QR code pairs key ${payload.key}, the page prints ${key}`, { code: 'VALUE_MISMATCH', expected: key, actual: payload.key });
});

export const ensureAddDeviceOffersDesktop = defineCheck('ensureAddDeviceOffersDesktop', ['DSK-PAIR-SIGN-ON-START', 'DSK-PAIR-CHOOSE-DESKTOP'], (world: PathWorld) => {
  const { screen, values } = portalShown(world);
  ensureScreen(screen, portal.screens.addDevice, 'after Start');
  ensureShows(values, P.chooseDesktop, /desktop/i, 'Add a New Device');
});

export const ensureDesktopSetupShowsAKeyInPolicyFormat = defineCheck('ensureDesktopSetupShowsAKeyInPolicyFormat', ['DSK-PAIR-SETUP-KEY'], (world: PathWorld) => {
  const { screen, values } = portalShown(world);
  ensureScreen(screen, portal.screens.desktopSetup, 'after Desktop');
  ensureKeyInPolicyFormat(world, textOf(values, P.desktopPairingKey), 'the Desktop Setup key');
});

/** Seed 000 "Before you begin": add at least one more authentication method, said on the registration window. */
export const ensureSecondMethodAdvised = defineCheck('ensureSecondMethodAdvised', ['MOB-PAIR-SECOND-METHOD'], (world: PathWorld) => {
  const { screen, values } = portalShown(world);
  ensureScreen(screen, portal.screens.registration, 'the registration window');
  ensureShows(values, P.secondMethodAdvice, /more authentication method/i, 'the advice to add a second method');
});
