/**
 * The web portal: sign-on, registration, Add a New Device (QR code and pairing key), Desktop
 * Setup, waiting for the device, authentication (push or the Authentication field for an
 * OTP), device selection, and the green check with the link back to the application. Pages
 * follow seed 000 steps 1 and 10, seed 001 and seed 002 steps 1, 2 and 6. Every screen and
 * control carries its `data-testid` from `models/testids.ts`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { portal } from '../../models/testids.ts';
import { encodeQr } from '../../models/qr.ts';
import type { ServerContext } from '../context.ts';
import type { DeviceRecord, SessionRecord, UserRecord } from '../store/records.ts';
import type { ApiFailure } from '../http/errors.ts';
import { ApiFailure as Failure } from '../http/errors.ts';
import { checkCredentials, devicesOf, primaryDevice } from '../domain/users.ts';
import { issuePairingKey } from '../domain/pairing.ts';
import { usesPush } from '../domain/devices.ts';
import { createPush, pushStatus } from '../domain/pushes.ts';
import { checkOtp } from '../domain/otp.ts';
import { isOtpLocked, recordRightOtp, recordWrongOtp } from '../domain/otp-lockout.ts';
import { groupKey } from '../domain/ids.ts';
import { issueCode, statusClaims } from '../oidc/codes.ts';
import { resolveAuthorizationRequest, type AuthorizationParams } from '../oidc/authorization.ts';
import { currentSession, saveSession, startSession } from './session.ts';
import { csrfTokenOf, registerCsrf, withCsrfFields } from './csrf.ts';
import { escapeHtml as h, icons, page, pollScript } from './layout.ts';

const { screens: S, controls: C } = portal;

type Form = Record<string, string | undefined>;

/** Browser routes get an HTML error page; JSON status endpoints keep the JSON body. */
export function renderPortalFailure(failure: ApiFailure, request: FastifyRequest): string | undefined {
  const path = request.url.split('?')[0]!;
  const accept = request.headers.accept ?? '';
  const browser = (path === '/' || path.startsWith('/portal') || path.startsWith('/app')) && !path.endsWith('.json');
  if (!browser && !(failure.code === 'NOT_FOUND' && accept.includes('text/html'))) return undefined;
  return failurePage(request.server.authconf, failure.code, failure.extra.userMessage ?? failure.message);
}

function failurePage(context: ServerContext, code: string, message: string): string {
  return page({
    title: 'Sign-on failed',
    screen: S.failure,
    organization: context.config.organization.name,
    body: `<div class="cross" aria-hidden="true">&#x2715;</div><h1 class="center">Authentication failed</h1>
<p class="lead center">${h(message)}</p>
<p class="center"><code data-testid="${C.failureReason}">${h(code)}</code></p>
<div class="actions" style="justify-content:center"><a class="button" href="/portal/signon">Sign on again</a></div>`,
  });
}

/** A portal page; its POST forms carry the browser's CSRF token (csrf.ts). */
function html(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(withCsrfFields(body, csrfTokenOf(reply.request)));
}

const authorizationFields = ['client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method'] as const;

export function registerPortal(app: FastifyInstance, context: ServerContext): void {
  const org = context.config.organization.name;
  // Every state-changing portal form: double-submit token + Origin check (issue 9, login CSRF).
  registerCsrf(app, context);
  const render = (title: string, screen: (typeof S)[keyof typeof S], body: string, script?: string): string =>
    page({ title, screen, organization: org, body, ...(script ? { script } : {}) });

  // --- Sign on (seed 000 step 1: "Sign on to your account or app") ---
  const signOnPage = (form: Form, error?: { code: string; message: string }): string => {
    const hidden = authorizationFields
      .filter((f) => form[f])
      .map((f) => `<input type="hidden" name="${f}" value="${h(form[f])}">`)
      .join('');
    return render(
      'Sign on',
      S.signOn,
      `<h1>Sign on</h1><p class="lead">Sign on to your account to continue.</p>
${error ? `<div class="error" role="alert" data-testid="${C.signOnError}">${h(error.message)} <code>${h(error.code)}</code></div>` : ''}
<form method="post" action="/portal/signon">${hidden}
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" value="${h(form.username ?? '')}" data-testid="${C.username}" autofocus>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" data-testid="${C.password}">
<div class="actions"><button type="submit" data-testid="${C.signOnSubmit}">Sign On</button></div></form>`,
    );
  };

  app.get('/', async (_request, reply) => reply.redirect('/portal/signon', 302));
  app.get('/portal', async (_request, reply) => reply.redirect('/portal/signon', 302));
  app.get<{ Querystring: Form }>('/portal/signon', async (request, reply) => html(reply, signOnPage(request.query)));

  app.post<{ Body: Form }>('/portal/signon', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const authorization = form.client_id ? authorizationOf(context, form) : null;
    const user = checkCredentials(context, form.username, form.password);
    if (!user) return html(reply, signOnPage({ ...form, password: '' }, { code: 'SIGNON_FAILED', message: 'Wrong username or password.' }), 401);
    const session = startSession(context, reply, user, authorization);
    return reply.redirect(nextStep(context, session, user), 303);
  });

  // --- Registration window with Start (seed 000 step 1, seed 002 step 1); the advice to add a second
  // authentication method (seed 000 "Before you begin"; MOB-PAIR-SECOND-METHOD) ---
  app.get('/portal/registration', async (request, reply) => {
    const { user } = currentSession(context, request);
    return html(
      reply,
      render(
        'Registration',
        S.registration,
        `<h1>Welcome, ${h(user.displayName)}</h1><p class="lead">Your organization requires a second way to confirm it's you. Set up an authenticator on your phone or computer. It takes about a minute.</p>
<p class="hint" data-testid="${C.secondMethodAdvice}">We recommend adding at least one more authentication method later, so you are never locked out if you lose this device.</p>
<form method="post" action="/portal/registration/start"><div class="actions"><button type="submit" data-testid="${C.start}">Start</button></div></form>`,
      ),
    );
  });

  app.post('/portal/registration/start', async (request, reply) => {
    const { session, user } = currentSession(context, request);
    // MOB-PAIR-MFA-BEFORE-NEW-DEVICE: a user who has a device proves it (MFA) before adding another,
    // as /portal/my-devices/add does; the password alone pairs nothing (seed 004 additional device).
    if (!session.authenticated && devicesOf(context, user.id).length > 0 && !context.deviates('register-without-mfa', 'MOB-PAIR-MFA-BEFORE-NEW-DEVICE')) {
      throw new Failure('MFA_REQUIRED', 'This user already has a device: authenticate with it before adding another.', {
        userMessage: 'Authenticate with your device first, then add a new one from My Devices.',
        requirements: ['MOB-PAIR-MFA-BEFORE-NEW-DEVICE'],
      });
    }
    const issued = issuePairingKey(context, user, session.client);
    saveSession(context, { ...session, pairingKey: issued.key, deviceId: null, pushId: null });
    return reply.redirect('/portal/add-device', 303);
  });

  // --- Add a New Device: the QR code, the pairing key beneath it, Mobile or Desktop (MOB-PAIR-ADD-DEVICE-QR, MOB-PAIR-ADD-DEVICE-KEY) ---
  const pairingKeyOf = (session: SessionRecord): string => {
    if (!session.pairingKey) throw new Failure('SESSION_EXPIRED', 'No pairing in progress.', { userMessage: 'Start the registration again.' });
    return session.pairingKey;
  };

  app.get('/portal/add-device', async (request, reply) => {
    const { session } = currentSession(context, request);
    const key = pairingKeyOf(session);
    const qr = await QRCode.toDataURL(pairingQrText(context, key), { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    return html(
      reply,
      render(
        'Add a New Device',
        S.addDevice,
        `<h1>Add a New Device</h1><p class="lead">Open the authenticator app on your phone and scan this QR code.</p>
<img class="qr" src="${qr}" alt="QR code for pairing" data-testid="${C.qrImage}">
<div class="key" data-testid="${C.pairingKey}">${h(groupKey(key))}</div>
<p class="hint">Can't scan? In the app tap <b>Enter Pairing Key</b> and type the key above.</p>
<div class="choices"><a class="choice" href="/portal/pairing/wait" data-testid="${C.chooseMobile}">${icons.mobile}Mobile</a>
<a class="choice" href="/portal/desktop-setup" data-testid="${C.chooseDesktop}">${icons.desktop}Desktop</a></div>
<p class="hint" style="margin-top:16px"><span data-testid="${C.waitingStatus}">Waiting for your device…</span></p>`,
        pollScript('/portal/pairing/status.json', C.waitingStatus),
      ),
    );
  });

  // --- Desktop Setup showing the Pairing Key (seed 002 step 2; DSK-PAIR-CHOOSE-DESKTOP, DSK-PAIR-SETUP-KEY) ---
  app.get('/portal/desktop-setup', async (request, reply) => {
    const { session } = currentSession(context, request);
    const key = pairingKeyOf(session);
    return html(
      reply,
      render(
        'Desktop Setup',
        S.desktopSetup,
        `<h1>Desktop Setup</h1><p class="lead">Launch the desktop app, enter this <b>Pairing Key</b> and click <b>Pair</b>.</p>
<label>Pairing Key</label><div class="key" data-testid="${C.desktopPairingKey}">${h(groupKey(key))}</div>
<div class="status"><div class="spinner"></div><span data-testid="${C.waitingStatus}">Waiting for the desktop app to pair…</span></div>
<div class="actions"><a class="button secondary" href="/portal/add-device">Back</a><a class="button" href="/portal/pairing/continue">Continue</a></div>`,
        pollScript('/portal/pairing/status.json', C.waitingStatus),
      ),
    );
  });

  // --- Waiting for the device to pair ---
  app.get('/portal/pairing/wait', async (request, reply) => {
    const { session } = currentSession(context, request);
    pairingKeyOf(session);
    return html(
      reply,
      render(
        'Waiting for your device',
        S.pairingWaiting,
        `<h1>Finish on your device</h1><p class="lead">Scan the QR code or enter the pairing key in the app, then follow its steps.</p>
<div class="status"><div class="spinner"></div><span data-testid="${C.waitingStatus}">Waiting for your device to pair…</span></div>
<div class="actions"><a class="button secondary" href="/portal/add-device">Show the QR code again</a><a class="button" href="/portal/pairing/continue">Continue</a></div>`,
        pollScript('/portal/pairing/status.json', C.waitingStatus),
      ),
    );
  });

  const pairedDevice = (session: SessionRecord): { device: DeviceRecord; pushId: string | null } | undefined => {
    const key = session.pairingKey ? context.store.get('pairingKeys', session.pairingKey) : undefined;
    const device = key?.deviceId ? context.store.get('devices', key.deviceId) : undefined;
    return device && key ? { device, pushId: key.pushId } : undefined;
  };

  app.get('/portal/pairing/status.json', async (request) => {
    const { session } = currentSession(context, request);
    const paired = pairedDevice(session);
    return paired
      ? { paired: true, label: `Paired: ${paired.device.name}`, next: '/portal/pairing/continue' }
      : { paired: false, label: 'Waiting for your device to pair…' };
  });

  app.get('/portal/pairing/continue', async (request, reply) => {
    const { session, user } = currentSession(context, request);
    const paired = pairedDevice(session);
    // Continue a second time (a double click, or the page's own poll moving on at the same moment):
    // the pairing already continued, so go where it went instead of "no pairing in progress".
    if (!paired && !session.pairingKey) {
      const went = whereTheSignOnIs(session);
      if (went) return reply.redirect(went, 303);
    }
    if (!paired) return reply.redirect('/portal/pairing/wait', 303);
    // Seed 000 step 9 result: the mobile app already has an authentication request; follow it.
    if (paired.pushId) {
      saveSession(context, { ...session, pairingKey: null, deviceId: paired.device.id, pushId: paired.pushId });
      return reply.redirect('/portal/push', 303);
    }
    return reply.redirect(startOnDevice(context, { ...session, pairingKey: null }, user, paired.device), 303);
  });

  // --- Device selection ("Prompt User to Select") ---
  app.get('/portal/devices', async (request, reply) => {
    const { user } = currentSession(context, request);
    const items = devicesOf(context, user.id)
      .map(
        (d) => `<li><form method="post" action="/portal/devices/select"><input type="hidden" name="deviceId" value="${h(d.id)}">
<button type="submit" data-testid="${C.deviceOption}" data-device-id="${h(d.id)}">${h(d.name)}${d.primary ? ' (primary)' : ''}<small>${h(kindLabel(d))}</small></button></form></li>`,
      )
      .join('');
    return html(reply, render('Select a device', S.deviceSelection, `<h1>Select a device</h1><p class="lead">Choose how you want to authenticate.</p><ul class="devices">${items}</ul>`));
  });

  app.post<{ Body: Form }>('/portal/devices/select', async (request, reply) => {
    const { session, user } = currentSession(context, request);
    const device = devicesOf(context, user.id).find((d) => d.id === (request.body as Form | undefined)?.deviceId);
    if (!device) throw new Failure('VALIDATION_ERROR', 'No such device.', { details: [{ code: 'INVALID_DEVICE', message: 'No such device.', target: 'deviceId' }] });
    return reply.redirect(startOnDevice(context, session, user, device), 303);
  });

  // --- My Devices (seed 002 "About this task"; DSK-PAIR-MY-DEVICES): a user who has signed on with a
  // paired device adds another one here, while the policy allows more; Add a New Device then offers
  // Mobile or Desktop as after registration ---
  const authenticatedSession = (request: FastifyRequest): { session: SessionRecord; user: UserRecord } | undefined => {
    const current = currentSession(context, request);
    return current.session.authenticated ? current : undefined;
  };

  app.get('/portal/my-devices', async (request, reply) => {
    const current = authenticatedSession(request);
    if (!current) {
      const { session, user } = currentSession(context, request);
      return reply.redirect(nextStep(context, session, user), 303);
    }
    const devices = devicesOf(context, current.user.id);
    const max = context.config.policy.devices.max;
    const items = devices
      .map((d) => `<li><span data-testid="${C.myDevicesItem}" data-device-id="${h(d.id)}">${h(d.name)}${d.primary ? ' (primary)' : ''}<small>${h(kindLabel(d))}</small></span></li>`)
      .join('');
    const add =
      devices.length < max
        ? `<form method="post" action="/portal/my-devices/add"><div class="actions"><button type="submit" data-testid="${C.myDevicesAdd}">Add a New Device</button></div></form>`
        : `<p class="hint" data-testid="${C.myDevicesLimit}">Your organization allows ${max === 1 ? 'only one device' : `at most ${max} devices`}: no more devices can be added.</p>`;
    return html(reply, render('My Devices', S.myDevices, `<h1>My Devices</h1><p class="lead">The devices you authenticate with.</p><ul class="devices">${items}</ul>${add}`));
  });

  app.post('/portal/my-devices/add', async (request, reply) => {
    const current = authenticatedSession(request);
    if (!current) {
      const { session, user } = currentSession(context, request);
      return reply.redirect(nextStep(context, session, user), 303);
    }
    const max = context.config.policy.devices.max;
    if (devicesOf(context, current.user.id).length >= max) {
      throw new Failure('DEVICE_LIMIT_REACHED', `The policy allows ${max} device(s).`, { userMessage: 'Your organization allows no more devices.' });
    }
    const issued = issuePairingKey(context, current.user, current.session.client);
    saveSession(context, { ...current.session, pairingKey: issued.key, deviceId: null, pushId: null });
    return reply.redirect('/portal/add-device', 303);
  });

  // --- Push sent: the page follows approve, deny or time-out (seed 001) ---
  app.get('/portal/push', async (request, reply) => {
    const { session } = currentSession(context, request);
    const push = session.pushId ? context.store.get('pushes', session.pushId) : undefined;
    if (!push) return reply.redirect(nextStep(context, session, currentSession(context, request).user), 303);
    const device = context.store.get('devices', push.deviceId);
    return html(
      reply,
      render(
        'Authentication request sent',
        S.pushWaiting,
        `<h1>Check your phone</h1><p class="lead">We sent an authentication request to <b>${h(device?.name ?? 'your device')}</b>. Approve it in the app.</p>
<div class="status"><div class="spinner"></div><span data-testid="${C.pushStatus}">Waiting for your approval…</span></div>
<div class="actions"><a class="button secondary" href="/portal/otp" data-testid="${C.usePasscode}">Use a passcode instead</a><a class="button secondary" href="/portal/push/continue">Refresh</a></div>`,
        pollScript('/portal/push/status.json', C.pushStatus),
      ),
    );
  });

  const pushOutcome = (session: SessionRecord): { status: string; label: string; next?: string } => {
    const push = session.pushId ? context.store.get('pushes', session.pushId) : undefined;
    const status = push ? pushStatus(context, push) : 'expired';
    const labels = { pending: 'Waiting for your approval…', approved: 'Approved', denied: 'Denied', expired: 'Timed out' };
    return { status, label: labels[status], ...(status === 'pending' ? {} : { next: '/portal/push/continue' }) };
  };

  app.get('/portal/push/status.json', async (request) => pushOutcome(currentSession(context, request).session));

  app.get('/portal/push/continue', async (request, reply) => {
    const { session } = currentSession(context, request);
    // Continue a second time, after the first one settled the answer: where the first one went
    // (the answer is not read again as a push that no longer exists, which would say "timed out").
    if (!session.pushId) {
      const went = whereTheSignOnIs(session);
      if (went) return reply.redirect(went, 303);
    }
    const outcome = pushOutcome(session);
    if (outcome.status === 'pending') return reply.redirect('/portal/push', 303);
    if (outcome.status === 'approved') {
      const push = session.pushId ? context.store.get('pushes', session.pushId) : undefined;
      saveSession(context, { ...session, authenticated: true, authenticatedAt: push?.decidedAt ?? context.nowMs(), mfaMethod: 'mobile', pushId: null });
      return reply.redirect('/portal/success', 303);
    }
    const code = outcome.status === 'denied' ? 'PUSH_DENIED' : 'PUSH_TIMED_OUT';
    saveSession(context, { ...session, failureCode: code, pushId: null });
    return reply.redirect('/portal/failure', 303);
  });

  // --- The Authentication field for an OTP, Sign On, Change Device (seed 002 step 6; DSK-SIGN-PASTE, DSK-SIGN-SIGN-ON,
  // DSK-SIGN-OTP-WRONG, DSK-SIGN-OTP-LOCKED, DSK-SIGN-CHANGE-DEVICE) ---
  const otpPage = (user: UserRecord, device: DeviceRecord, error?: { code: string; message: string }): string =>
    render(
      'Authentication',
      S.otp,
      `<h1>Authentication</h1><p class="lead">Enter the passcode shown in <b>${h(device.name)}</b>.</p>
${error ? `<div class="error" role="alert" data-testid="${C.otpError}">${h(error.message)} <code>${h(error.code)}</code></div>` : ''}
<form method="post" action="/portal/otp"><label for="otp">Authentication</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="${context.config.policy.otp.digits}" data-testid="${C.otpField}" autofocus>
<div class="actions"><button type="submit" data-testid="${C.otpSignOn}">Sign On</button>
<a class="button secondary" href="/portal/devices" data-testid="${C.changeDevice}">Change Device</a></div></form>
<p class="hint">Signed on as ${h(user.username)}</p>`,
    );

  const otpDevice = (session: SessionRecord, user: UserRecord): DeviceRecord => {
    const device = session.deviceId ? context.store.get('devices', session.deviceId) : primaryDevice(context, user.id);
    if (!device || device.userId !== user.id) throw new Failure('SESSION_EXPIRED', 'No device to authenticate with.', { userMessage: 'Sign on again.' });
    return device;
  };

  app.get('/portal/otp', async (request, reply) => {
    const { session, user } = currentSession(context, request);
    const device = otpDevice(session, user);
    if (session.deviceId !== device.id) saveSession(context, { ...session, deviceId: device.id });
    return html(reply, otpPage(user, device));
  });

  app.post<{ Body: Form }>('/portal/otp', async (request, reply) => {
    const { session, user } = currentSession(context, request);
    const device = otpDevice(session, user);
    const otp = String((request.body as Form | undefined)?.otp ?? '').replace(/\s/g, '');
    const now = context.nowMs();
    const { policy } = context.config;
    // API-GEN-OTP-LOCKOUT-PER-USER: one lockout per user, whichever channel counted the wrong OTPs.
    if (isOtpLocked(context, user)) {
      return html(reply, otpPage(user, device, { code: 'OTP_LOCKED', message: 'Too many wrong passcodes. Try again later.' }), 429);
    }
    // DSK-SIGN-OTP-SINGLE-USE: each OTP signs on once (the deviation accepts a replay).
    const allowReplay = context.deviates('accept-replayed-otp', 'DSK-SIGN-OTP-SINGLE-USE');
    const result = checkOtp(device.otpSecret, otp, policy, now, device.lastOtpStep, allowReplay);
    if (result.outcome === 'valid') {
      context.store.transaction(() => {
        context.store.put('devices', device.id, { ...device, lastOtpStep: result.timeStep });
        recordRightOtp(context, user);
        saveSession(context, { ...session, authenticated: true, authenticatedAt: now, mfaMethod: 'otp', deviceId: device.id, pushId: null });
      });
      return reply.redirect('/portal/success', 303);
    }
    const locked = recordWrongOtp(context, user) === 0;
    if (locked) return html(reply, otpPage(user, device, { code: 'OTP_LOCKED', message: 'Too many wrong passcodes. Try again later.' }), 429);
    const error =
      result.outcome === 'replayed'
        ? { code: 'OTP_REPLAYED', message: 'This passcode was already used. Wait for the next one.' }
        : { code: 'OTP_INVALID', message: 'This code is invalid or has expired.' };
    return html(reply, otpPage(user, device, error), 400);
  });

  // --- The green check and the way back to the application (MOB-PAIR-SUCCESS, DSK-SIGN-SUCCESS-REDIRECT) ---
  app.get('/portal/success', async (request, reply) => {
    const { session, user } = currentSession(context, request);
    if (!session.authenticated) return reply.redirect(nextStep(context, session, user), 303);
    const target = returnUrl(context, session, user);
    return html(
      reply,
      render(
        'Authenticated',
        S.success,
        `<div class="check" data-testid="${C.successCheck}" aria-label="Authenticated">&#x2713;</div>
<h1 class="center">Authenticated</h1><p class="lead center">You are signed on as ${h(user.username)}.</p>
<div class="actions" style="justify-content:center"><a class="button" href="${h(target)}" data-testid="${C.redirectLink}">Continue to the application</a>
<a class="button secondary" href="/portal/my-devices" data-testid="${C.myDevicesLink}">My Devices</a></div>`,
      ),
    );
  });

  app.get('/portal/failure', async (request, reply) => {
    const { session } = currentSession(context, request);
    const code = session.failureCode ?? 'SESSION_EXPIRED';
    const messages: Record<string, string> = {
      PUSH_DENIED: 'The authentication request was denied on your device.',
      PUSH_TIMED_OUT: 'The authentication request timed out before it was answered.',
    };
    return html(reply, failurePage(context, code, messages[code] ?? 'Please sign on again.'));
  });

  // --- The demo application the success page returns to ---
  app.get<{ Querystring: { code?: string; state?: string } }>('/app/callback', async (request, reply) =>
    html(
      reply,
      page({
        title: 'Demo Application',
        screen: S.success,
        organization: 'Demo Application',
        body: `<h1>Demo Application</h1><p class="lead">You are back at the application.</p>
<p>Authorization code: <code data-testid="app-code">${h(request.query.code ?? '(none)')}</code></p>`,
      }),
    ),
  );
  app.get('/app', async (_request, reply) => reply.redirect('/app/callback', 302));
}

function kindLabel(device: DeviceRecord): string {
  return { mobile: 'Mobile app', desktop: 'Desktop app', sms: 'Text message', totp: 'Authenticator', email: 'Email' }[device.kind];
}

/** Seed 000 step 7: the QR code carries the key (and this server), per models/qr.ts. */
function pairingQrText(context: ServerContext, key: string): string {
  return encodeQr({ kind: 'pair', key, server: context.config.baseUrl });
}

function authorizationOf(context: ServerContext, form: Form): SessionRecord['authorization'] {
  const request = resolveAuthorizationRequest(context, form as AuthorizationParams);
  return {
    clientId: request.clientId,
    redirectUri: request.redirectUri!,
    state: request.state,
    nonce: request.nonce,
    scope: request.scope,
    codeChallenge: request.codeChallenge,
  };
}

/** After sign-on: pair a first device, or authenticate with the one(s) paired. */
function nextStep(context: ServerContext, session: SessionRecord, user: UserRecord): string {
  const devices = devicesOf(context, user.id);
  if (devices.length === 0) return '/portal/registration';
  if (devices.length > 1 && context.config.policy.devices.selection === 'prompt') return '/portal/devices';
  return startOnDevice(context, session, user, primaryDevice(context, user.id)!);
}

/** Where a sign-on that already moved past pairing or a push stands: signed on, refused, the push, or the Authentication field. */
function whereTheSignOnIs(session: SessionRecord): string | undefined {
  // A pending push first: a session adding a device from My Devices is authenticated already.
  if (session.pushId) return '/portal/push';
  if (session.authenticated) return '/portal/success';
  if (session.failureCode) return '/portal/failure';
  if (session.deviceId) return '/portal/otp';
  return undefined;
}

function startOnDevice(context: ServerContext, session: SessionRecord, user: UserRecord, device: DeviceRecord): string {
  if (usesPush(device)) {
    const push = createPush(context, user, device, { application: context.config.organization.name, ...session.client });
    saveSession(context, { ...session, deviceId: device.id, pushId: push.id });
    return '/portal/push';
  }
  saveSession(context, { ...session, deviceId: device.id, pushId: null });
  return '/portal/otp';
}

/**
 * Where "Continue to the application" goes: redirect_uri with the code, or the demo app. One
 * sign-on mints one code (API-GEN-CODE-SINGLE-USE): a reload shows the same, single-use code.
 * The status claim names the method used (web_login_otp after an OTP) and auth_time is when MFA
 * succeeded, not when this page was fetched (OpenID Connect Core §2).
 */
function returnUrl(context: ServerContext, session: SessionRecord, user: UserRecord): string {
  const authz = session.authorization;
  if (!authz) return '/app/callback';
  let code = session.code ?? null;
  if (code === null) {
    code = issueCode(context, {
      clientId: authz.clientId,
      userId: user.id,
      redirectUri: authz.redirectUri,
      nonce: authz.nonce,
      scope: authz.scope,
      codeChallenge: authz.codeChallenge,
      claims: statusClaims(context, session.mfaMethod === 'otp' ? 'web_login_otp' : 'web_login_mobile'),
      authTime: session.authenticatedAt ?? context.nowMs(),
    });
    saveSession(context, { ...session, code });
  }
  const url = new URL(authz.redirectUri);
  url.searchParams.set('code', code);
  if (authz.state) url.searchParams.set('state', authz.state);
  return url.toString();
}
