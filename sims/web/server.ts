/**
 * The sims' web builds: each sim served as a one-page web app whose DOM renders the current
 * screen with the contract's `data-testid`s, driving the SAME sim core as the in-process sim.
 *
 * Where the core runs: here, in this server, one instance per sim; the page posts gestures
 * (tap, type, scan) and gets the new screen back. Why not in the browser: the core talks to the
 * organisation's server with its HTTP client, and a page on another origin would need CORS on
 * the reference server's device API (which a real app never needs); the core also uses Node's
 * crypto and pngjs. The page does what only a browser can do: it opens the camera with
 * getUserMedia and decodes frames with jsQR (posting the decoded text), and it turns an uploaded
 * image into PNG bytes (posted for the core's own jsQR decode).
 *
 *   GET  {prefix}/mobile | /desktop          the page
 *   GET  {prefix}/mobile/screen              { screen: html, snapshot }   (?refresh=1 checks for requests)
 *   POST {prefix}/mobile/gesture             { kind: 'tap'|'type'|'scan-text'|'scan-image', control?, item?, text?, image? (base64 PNG) }
 *   POST {prefix}/mobile/refresh             check for requests and Creds now (drivers; the page polls /screen?refresh=1)
 *   POST {prefix}/mobile/reset               { reinstall?: boolean }  a relaunch (same keystore) or reinstall
 *   GET  {prefix}/desktop/clipboard          { text } what Copy wrote last (also sent to the page, which puts it on
 *                                            the browser's real clipboard with navigator.clipboard.writeText)
 *   POST {prefix}/mobile/device              { biometricsEnrolled?, biometricsMatch?, deviceLock?, deviceLockVerifies? }
 *                                            the phone's own settings, as a device farm sets them (Detox's
 *                                            setBiometricEnrollment / matchFace): not the app's screens
 *   POST {prefix}/mobile/notification        { action: 'open'|'approve' } the OS notification of the oldest
 *                                            pending request, tapped or approved from the banner; -> { opened, ... }
 *
 * The page polls for requests every second (`?poll=0` turns that off: a driver that delivers
 * pushes itself with /refresh, as the conformance run does, gets the same order every run).
 *
 * With `stateFile`, each app's keystore lives in that file (sims/web/state-file.ts says why): a
 * restart of the server is a relaunch of the apps, not a reinstall.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { cryptoRng, systemClock, type Clock, type Rng } from '../../models/runtime.ts';
import type { ErrorCode } from '../../models/error-codes.ts';
import { createDesktopApp, memoryClipboard, type DesktopApp, type DesktopDeviation } from '../desktop/app.ts';
import { createMobileApp, type MobileApp } from '../mobile/app.ts';
import type { MobileDeviation, Platform } from '../mobile/options.ts';
import { GestureError } from '../shared/gesture-error.ts';
import { fetchHttpClient, type HttpClient } from '../shared/http-client.ts';
import type { Keystore } from '../shared/keystore.ts';
import { renderPage, renderScreen, startCleanNote } from './render.ts';
import { simsState, type SimsState } from './state-file.ts';

export interface SimsWebOptions {
  /** The organisation's server origin the sims pair with (e.g. `http://127.0.0.1:4100`). */
  server?: string;
  clock?: Clock;
  rng?: Rng;
  http?: HttpClient;
  mobileDeviations?: readonly MobileDeviation[];
  desktopDeviations?: readonly DesktopDeviation[];
  platform?: Partial<Platform>;
  /** A JSON file that keeps the apps' keystores across restarts; undefined: in memory. */
  stateFile?: string;
}

interface Resolved {
  server: string | undefined;
  clock: Clock;
  rng: Rng;
  http: HttpClient;
  mobileDeviations: readonly MobileDeviation[];
  desktopDeviations: readonly DesktopDeviation[];
  platform: Partial<Platform>;
  stateFile: string | undefined;
}

function resolve(options: SimsWebOptions): Resolved {
  return {
    server: options.server,
    clock: options.clock ?? systemClock(), // a person uses the web build in real time
    rng: options.rng ?? cryptoRng(),
    http: options.http ?? fetchHttpClient(), // the device API over a real socket
    mobileDeviations: options.mobileDeviations ?? [],
    desktopDeviations: options.desktopDeviations ?? [],
    platform: options.platform ?? { os: 'web', name: 'PingID web build (sim)' },
    stateFile: options.stateFile, // in memory unless asked (tests; `authconf sims serve` passes its --state file)
  };
}

const assetsDir = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const jsQrPath = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');

interface GestureBody {
  kind?: unknown;
  control?: unknown;
  item?: unknown;
  text?: unknown;
  image?: unknown;
}

type Reply = { status: number; body: unknown };

interface DeviceBody {
  biometricsEnrolled?: boolean;
  biometricsMatch?: boolean;
  deviceLock?: 'pin' | 'biometrics' | 'none';
  deviceLockVerifies?: boolean;
}
const deviceBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    biometricsEnrolled: { type: 'boolean' },
    biometricsMatch: { type: 'boolean' },
    deviceLock: { enum: ['pin', 'biometrics', 'none'] },
    deviceLockVerifies: { type: 'boolean' },
  },
} as const;
const notificationBody = { type: 'object', required: ['action'], additionalProperties: false, properties: { action: { enum: ['open', 'approve'] } } } as const;
const problem = (status: number, code: ErrorCode, message: string): Reply => ({ status, body: { code, message } });

/** The desktop app's clipboard as the web build sees it: what Copy wrote, and how many times (a gesture reply carries a new write). */
function countingClipboard(): { text: string; writes: number; write(text: string): void } {
  const board = memoryClipboard();
  const counted = {
    writes: 0,
    get text(): string {
      return board.text;
    },
    write(text: string): void {
      counted.writes++;
      board.write(text);
    },
  };
  return counted;
}

class Session {
  readonly state: SimsState;
  mobileKeystore: Keystore;
  desktopKeystore: Keystore;
  clipboard = countingClipboard();
  mobile: MobileApp;
  desktop: DesktopApp;

  /** The phone's settings, read live by the mobile core (sims/mobile/options.ts), changed by /mobile/device. */
  readonly platform: Partial<Platform>;

  constructor(private readonly o: Resolved) {
    this.platform = {
      ...o.platform,
      biometrics: { enrolled: true, matches: true, ...o.platform.biometrics },
      deviceLock: { kind: 'pin', verifies: true, ...o.platform.deviceLock },
    };
    this.state = simsState(o.stateFile);
    this.mobileKeystore = this.state.keystore('mobile');
    this.desktopKeystore = this.state.keystore('desktop');
    this.mobile = this.newMobile();
    this.desktop = this.newDesktop();
  }

  newMobile(): MobileApp {
    const { clock, rng, http, server } = this.o;
    return createMobileApp({ clock, rng, http, keystore: this.mobileKeystore, deviations: this.o.mobileDeviations, platform: this.platform, ...(server ? { server } : {}) });
  }

  newDesktop(): DesktopApp {
    const { clock, rng, http, server } = this.o;
    return createDesktopApp({ clock, rng, http, server: server ?? '', keystore: this.desktopKeystore, clipboard: this.clipboard, deviations: this.o.desktopDeviations });
  }
}

function state(app: MobileApp | DesktopApp): { screen: string; snapshot: unknown } {
  return { screen: renderScreen(app.view()), snapshot: app.snapshot() };
}

async function gesture(app: MobileApp | DesktopApp, body: GestureBody, clipboard: { text: string; writes: number }): Promise<Reply> {
  const writes = clipboard.writes;
  const control = typeof body.control === 'string' ? body.control : undefined;
  const item = typeof body.item === 'number' || typeof body.item === 'string' ? body.item : undefined;
  try {
    switch (body.kind) {
      case 'tap':
        if (!control) return problem(400, 'VALIDATION_ERROR', 'tap needs a control');
        await (app as MobileApp).tap(control as never, item);
        break;
      case 'type':
        if (!control || typeof body.text !== 'string') return problem(400, 'VALIDATION_ERROR', 'type needs a control and a text');
        (app as MobileApp).type(control as never, body.text);
        break;
      case 'scan-text':
        if (!('scanText' in app) || typeof body.text !== 'string') return problem(400, 'VALIDATION_ERROR', 'scan-text needs the mobile app and a text');
        await app.scanText(body.text);
        break;
      case 'scan-image':
        if (!('scan' in app) || typeof body.image !== 'string') return problem(400, 'VALIDATION_ERROR', 'scan-image needs the mobile app and a base64 image');
        await app.scan(new Uint8Array(Buffer.from(body.image, 'base64')));
        break;
      default:
        return problem(400, 'VALIDATION_ERROR', "kind is one of 'tap', 'type', 'scan-text', 'scan-image'");
    }
  } catch (error) {
    if (error instanceof GestureError) return problem(409, 'GESTURE_UNAVAILABLE', error.message);
    throw error;
  }
  // Copy wrote to the clipboard: the page puts the same text on the browser's real clipboard (seed 002: copy, then paste).
  return { status: 200, body: { ...state(app), ...(clipboard.writes !== writes ? { clipboard: clipboard.text } : {}) } };
}

/** The web builds as a Fastify plugin: register it under any prefix (e.g. `/sims` in `authconf serve`). */
export function simsWebPlugin(options: SimsWebOptions = {}): FastifyPluginAsync {
  return async (scope) => {
    const o = resolve(options);
    const session = new Session(o);
    const base = scope.prefix;
    const app = (sim: string): MobileApp | DesktopApp => (sim === 'desktop' ? session.desktop : session.mobile);
    // What the page can tell without the server: the phone lists an organisation; the desktop shows an OTP.
    const isPaired = (sim: 'mobile' | 'desktop'): boolean => (sim === 'mobile' ? session.mobile.accounts().length > 0 : session.desktop.snapshot().screen === 'desktop-otp');

    scope.get('/assets/jsQR.js', async (_request, reply) => reply.type('text/javascript').send(await readFile(jsQrPath)));
    scope.get('/assets/app.js', async (_request, reply) => reply.type('text/javascript').send(await readFile(join(assetsDir, 'app.js'))));
    scope.get('/assets/style.css', async (_request, reply) => reply.type('text/css').send(await readFile(join(assetsDir, 'style.css'))));

    scope.get('/', async (_request, reply) =>
      reply.type('text/html').send(`<!doctype html><meta charset="utf-8"><title>authconf sims</title><h1>authconf simulated authenticators</h1><ul><li><a href="${base}/mobile">Mobile app</a></li><li><a href="${base}/desktop">Desktop app</a></li></ul>`),
    );

    for (const sim of ['mobile', 'desktop'] as const) {
      scope.get(`/${sim}`, async (_request, reply) =>
        reply.type('text/html').send(
          renderPage({
            sim,
            base,
            title: sim === 'mobile' ? 'PingID (mobile sim)' : 'PingID Desktop (sim)',
            screen: renderScreen(app(sim).view()),
            ...(isPaired(sim) ? {} : { note: startCleanNote(o.stateFile) }),
          }),
        ),
      );
      // The page polls this every second with ?refresh=1: the mobile core checks the server for
      // requests and Creds (what a push would trigger); the OTP countdown re-renders.
      scope.get<{ Querystring: { refresh?: string } }>(`/${sim}/screen`, async (request) => {
        if (sim === 'mobile' && request.query.refresh === '1') await session.mobile.refresh();
        return state(app(sim));
      });
      scope.post(`/${sim}/refresh`, async () => {
        if (sim === 'mobile') await session.mobile.refresh();
        return state(app(sim));
      });
      scope.get(`/${sim}/snapshot`, async () => app(sim).snapshot());
      scope.post<{ Body: GestureBody }>(`/${sim}/gesture`, async (request, reply) => {
        const result = await gesture(app(sim), (request.body ?? {}) as GestureBody, session.clipboard);
        return reply.code(result.status).send(result.body);
      });
      scope.post<{ Body: { reinstall?: boolean } }>(`/${sim}/reset`, async (request) => {
        if (request.body?.reinstall === true) {
          if (sim === 'mobile') session.mobileKeystore = session.state.reinstall('mobile');
          else session.desktopKeystore = session.state.reinstall('desktop');
        }
        if (sim === 'mobile') session.mobile = session.newMobile();
        else session.desktop = session.newDesktop();
        return state(app(sim));
      });
    }
    scope.get('/desktop/clipboard', async () => ({ text: session.clipboard.text }));
    scope.post<{ Body: DeviceBody }>('/mobile/device', { schema: { body: deviceBody } }, async (request) => {
      const { biometricsEnrolled, biometricsMatch, deviceLock, deviceLockVerifies } = request.body;
      const { biometrics, deviceLock: lock } = session.platform as Platform;
      if (biometricsEnrolled !== undefined) biometrics.enrolled = biometricsEnrolled;
      if (biometricsMatch !== undefined) biometrics.matches = biometricsMatch;
      if (deviceLock !== undefined) lock.kind = deviceLock;
      if (deviceLockVerifies !== undefined) lock.verifies = deviceLockVerifies;
      return state(session.mobile);
    });
    scope.post<{ Body: { action: 'open' | 'approve' } }>('/mobile/notification', { schema: { body: notificationBody } }, async (request) => {
      const opened = await session.mobile.notification(request.body.action);
      return { opened, ...state(session.mobile) };
    });
  };
}

/** A standalone web build server (what `authconf sims serve` listens with). */
export function buildSimsWeb(options: SimsWebOptions = {}): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string; validation?: unknown }, _request, reply) => {
    const status = error.statusCode ?? 500;
    const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 400 ? (error.validation ? 'VALIDATION_ERROR' : 'MALFORMED_JSON') : 'UNEXPECTED_RESPONSE';
    void reply.code(status >= 400 && status < 500 ? status : 500).send({ code, message: error.message });
  });
  void app.register(simsWebPlugin(options));
  return app;
}
