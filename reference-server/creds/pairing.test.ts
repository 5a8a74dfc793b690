/** Seed 003 "How do I pair Creds?": QR or link, device lock, one pairing per issuer, several issuers. */
import { describe, expect, test } from 'vitest';
import { bearer, post, testServer } from '../test-helpers.ts';
import { credsState, makeOffer, pairBody, pairWallet } from './creds-test-kit.ts';

const PAIR = '/device/v1/creds/pairings';

describe('wallet pairing with an issuer', () => {
  test('the QR payload, the link and the bare offer id each pair, with a token for that issuer', async () => {
    const { app } = testServer();
    const byQr = await makeOffer(app, 'acme');
    expect(byQr.qr).toMatch(/^authconf:\/\/creds\/pair\?v=1&offer=o[A-Za-z0-9]+&server=/);
    const paired = await post(app, PAIR, pairBody(byQr.qr, 'wallet-a'));
    expect(paired.statusCode).toBe(201);
    expect(paired.json()).toEqual({ walletToken: expect.any(String), walletId: 'wallet-a', issuer: { id: 'acme', name: 'Acme Corp' } });
    const byLink = await makeOffer(app, 'city-library');
    expect(byLink.link).toBe(`http://authconf.test/creds/offers/${byLink.offer}`);
    // The wallet id is taken: its second pairing proves the wallet with its first token (issue 9).
    expect((await post(app, PAIR, pairBody(byLink.link, 'wallet-a'), bearer(paired.json().walletToken))).json().issuer).toEqual({ id: 'city-library', name: 'City Library' });
    const byId = await makeOffer(app, 'acme');
    expect((await post(app, PAIR, pairBody(byId.offer, 'wallet-b'))).statusCode).toBe(201);
    const view = (await app.inject({ url: '/test/v1/creds/wallets/wallet-a' })).json<{ pairings: { issuerId: string; deviceLock: string }[] }>();
    expect(view.pairings.map((p) => [p.issuerId, p.deviceLock])).toEqual([['acme', 'biometrics'], ['city-library', 'biometrics']]);
  });

  test('one pairing per issuer per wallet: the same or a new offer of that issuer is refused', async () => {
    const { app } = testServer();
    const first = await makeOffer(app, 'acme');
    const own = bearer((await post(app, PAIR, pairBody(first.qr, 'wallet-a'))).json().walletToken);
    const before = credsState(app);
    const again = await post(app, PAIR, pairBody(first.qr, 'wallet-a'), own);
    expect([again.statusCode, again.json().code]).toEqual([409, 'CREDS_ALREADY_PAIRED']);
    const fresh = await makeOffer(app, 'acme');
    const second = await post(app, PAIR, pairBody(fresh.qr, 'wallet-a'), own);
    expect([second.statusCode, second.json().code]).toEqual([409, 'CREDS_ALREADY_PAIRED']);
    // The refused offer is still usable by another wallet; the used one is not.
    expect((await post(app, PAIR, pairBody(fresh.qr, 'wallet-b'))).statusCode).toBe(201);
    const used = await post(app, PAIR, pairBody(first.qr, 'wallet-c'));
    expect([used.statusCode, used.json().code]).toEqual([404, 'CREDS_OFFER_INVALID']);
    expect(before).not.toEqual(credsState(app));
  });

  test("another wallet's id cannot be paired into without that wallet's token (Creds hijack): CREDS_WALLET_NOT_OWNED, nothing stored", async () => {
    const { app } = testServer();
    const victim = await pairWallet(app, 'wallet-victim', 'acme');
    const { qr } = await makeOffer(app, 'city-library');
    const before = credsState(app);
    const hijack = await post(app, PAIR, pairBody(qr, 'wallet-victim'));
    expect([hijack.statusCode, hijack.json().code]).toEqual([401, 'CREDS_WALLET_NOT_OWNED']);
    expect(credsState(app)).toEqual(before);
    const otherWallet = await pairWallet(app, 'wallet-attacker', 'acme');
    expect((await post(app, PAIR, pairBody(qr, 'wallet-victim'), bearer(otherWallet))).json().code).toBe('CREDS_WALLET_NOT_OWNED');
    expect((await post(app, PAIR, pairBody(qr, 'wallet-victim'), bearer(victim))).statusCode).toBe(201);
  });

  test('the server chooses the wallet id when none is named, and a later pairing finds the wallet from its token', async () => {
    const { app } = testServer();
    const first = (await post(app, PAIR, pairBody((await makeOffer(app, 'acme')).qr, 'x', { walletId: undefined }))).json<{ walletId: string; walletToken: string }>();
    expect(first.walletId).toMatch(/^w[A-Za-z0-9]{23}$/);
    const second = await post(app, PAIR, pairBody((await makeOffer(app, 'city-library')).qr, 'x', { walletId: undefined }), bearer(first.walletToken));
    expect([second.statusCode, second.json().walletId]).toEqual([201, first.walletId]);
  });

  test('no verified device lock: CREDS_DEVICE_LOCK_REQUIRED and nothing stored; the offer still works after', async () => {
    const { app } = testServer();
    const { qr } = await makeOffer(app);
    const before = credsState(app);
    const refused = await post(app, PAIR, pairBody(qr, 'wallet-a', { deviceLock: { kind: 'pin', verified: false } }));
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'CREDS_DEVICE_LOCK_REQUIRED']);
    expect(credsState(app)).toEqual(before);
    expect((await post(app, PAIR, pairBody(qr, 'wallet-a', { deviceLock: { kind: 'pin', verified: true } }))).statusCode).toBe(201);
  });

  test('unknown, expired, mangled offers and pairing-key QR codes: CREDS_OFFER_INVALID', async () => {
    const { app, clock } = testServer();
    const { qr, offer } = await makeOffer(app);
    const pairingKeyQr = (await post(app, '/test/v1/pairing-keys', { username: 'alice' })).json<{ qr: string }>().qr;
    for (const input of ['oNOPE', 'authconf://creds/pair?v=1&offer=nope', 'authconf://creds/pair?v=2&offer=' + offer, pairingKeyQr, 'https://elsewhere.test/x', 'http://[bad', '%%%']) {
      const res = await post(app, PAIR, pairBody(input, 'wallet-a'));
      expect([res.statusCode, res.json().code], input).toEqual([404, 'CREDS_OFFER_INVALID']);
    }
    clock.advance(600_000);
    const late = await post(app, PAIR, pairBody(qr, 'wallet-a'));
    expect([late.statusCode, late.json().code]).toEqual([404, 'CREDS_OFFER_INVALID']);
  });

  test('an offer within its 10 minutes pairs', async () => {
    const { app, clock } = testServer();
    const { qr } = await makeOffer(app);
    clock.advance(599_000);
    expect((await post(app, PAIR, pairBody(qr, 'wallet-a'))).statusCode).toBe(201);
  });

  test('wallet routes need a wallet token: none, junk, or a device token are 401 UNAUTHORIZED', async () => {
    const { app } = testServer();
    const seeded = (await post(app, '/test/v1/users', { username: 'erin', password: 'pw', devices: [{ kind: 'mobile' }] })).json<{ devices: { deviceToken: string }[] }>();
    const token = await pairWallet(app, 'wallet-a');
    for (const headers of [{}, bearer('junk'), bearer(seeded.devices[0]!.deviceToken), { authorization: token }]) {
      for (const url of ['/device/v1/creds', '/device/v1/creds/notifications', '/device/v1/creds/presentations/p1']) {
        const res = await app.inject({ url, headers });
        expect([res.statusCode, res.json().code], url).toEqual([401, 'UNAUTHORIZED']);
      }
    }
    expect((await app.inject({ url: '/device/v1/creds', headers: bearer(token) })).statusCode).toBe(200);
  });
});
