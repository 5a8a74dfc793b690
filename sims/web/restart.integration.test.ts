/**
 * Issue 10, the restart case, end to end: the reference server keeps its devices in SQLite (as
 * `authconf serve` does by default) and the web builds keep their apps in the state file (as
 * `authconf sims serve` does by default). Both are stopped and started again on the same files:
 * the next sign-on reaches the same phone, which approves it. An app started without its state
 * (the file removed, or `--state :memory:`) holds no pairing and its page says how to start clean.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { mobile } from '../../models/testids.ts';
import { build } from '../../reference-server/app.ts';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';
import { PortalVisitor, qrPngFromPage } from '../fixtures/reference.ts';
import { buildSimsWeb } from './server.ts';

const S = mobile.screens;
const C = mobile.controls;
const dir = mkdtempSync(join(tmpdir(), 'authconf-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The reference server on `port` with its SQLite file (the phone's account names this origin, so a restart keeps the port). */
async function startServer(port: number, db: string, clock: ManualClock): Promise<{ origin: string; stop(): Promise<void> }> {
  const origin = `http://127.0.0.1:${port}`;
  const store = new SqliteStore(db);
  const app = build({ clock, rng: seededRng(5), store, baseUrl: origin, logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    origin,
    async stop() {
      // As the exit of `authconf serve` does: every connection dropped. Here one process holds both ends of the
      // kept-alive sockets, so let the close reach fetch's connection pool before the next server takes the port
      // (otherwise the first request after the restart may go out on a socket that is already closed).
      app.server.closeAllConnections();
      await app.close();
      store.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}

type Snapshot = { screen: string; values: Record<string, string | string[]> };
async function tap(web: FastifyInstance, control: string): Promise<Snapshot> {
  const r = await web.inject({ method: 'POST', url: '/mobile/gesture', payload: { kind: 'tap', control } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ snapshot: Snapshot }>().snapshot;
}
async function refresh(web: FastifyInstance): Promise<Snapshot> {
  await web.inject({ method: 'POST', url: '/mobile/refresh' });
  return (await web.inject({ url: '/mobile/snapshot' })).json<Snapshot>();
}

describe('restarting authconf serve and authconf sims serve on their files (issue 10)', () => {
  it('the next sign-on reaches the same phone; an app without its state file says how to start clean', async () => {
    const port = await freePort();
    const db = join(dir, 'authconf.sqlite');
    const state = join(dir, 'authconf-sims.json');
    const clock = new ManualClock();
    const sims = (stateFile: string, origin: string) => buildSimsWeb({ server: origin, clock, rng: seededRng(6), stateFile });

    // First run: pair the phone by the portal's QR code and approve the request that completes pairing.
    let server = await startServer(port, db, clock);
    let web = sims(state, server.origin);
    const visitor = new PortalVisitor(server.origin);
    await visitor.signOn('alice', 'alice-password');
    const png = qrPngFromPage((await visitor.postForm('/portal/registration/start', {})).text);
    for (const control of [C.welcomeContinue, C.notificationsContinue, C.notificationsAllow, C.scan, C.cameraAllow]) await tap(web, control);
    const scanned = await web.inject({ method: 'POST', url: '/mobile/gesture', payload: { kind: 'scan-image', image: Buffer.from(png).toString('base64') } });
    let shown = scanned.json<{ snapshot: Snapshot }>().snapshot;
    if (shown.screen !== S.authRequest) shown = await refresh(web);
    expect(shown.screen).toBe(S.authRequest);
    expect((await tap(web, C.approve)).screen).toBe(S.success);
    await web.close();
    await server.stop();

    // Both restarted on the same files: the apps relaunch paired, and a sign-on is a request on the same phone.
    server = await startServer(port, db, clock);
    web = sims(state, server.origin);
    expect((await web.inject({ url: '/mobile' })).body).not.toContain('data-sim-note'); // paired: no start-clean note
    const later = new PortalVisitor(server.origin);
    expect(await later.signOn('alice', 'alice-password')).toMatch(/\/portal\/push$/);
    expect((await refresh(web)).screen).toBe(S.authRequest);
    await tap(web, C.approve);
    await later.get('/portal/push/continue');
    expect(later.url).toMatch(/\/portal\/success$/);
    await web.close();

    // The sims started without their state (a new file): the phone is gone for this server, and the page says how to start clean.
    const forgetful = sims(join(dir, 'elsewhere.json'), server.origin);
    const page = (await forgetful.inject({ url: '/mobile' })).body;
    expect(page).toContain('data-sim-note');
    expect(page).toMatch(/to start clean, stop both servers, delete the server&#39;s store \(authconf\.sqlite, or its --db FILE\) and \S*elsewhere\.json/);
    const waiting = new PortalVisitor(server.origin);
    expect(await waiting.signOn('alice', 'alice-password')).toMatch(/\/portal\/push$/); // the server still pushes to the paired phone
    expect((await refresh(forgetful)).screen).toBe(S.welcome); // which this app is not
    await forgetful.close();
    await server.stop();
  }, 30_000);
});
