/**
 * Two `authconf serve` processes on one SQLite file, under concurrent writes: both answer, no
 * 5xx, nothing is accepted twice (one OTP signs on once, one pairing key is claimed once, one
 * authorization code is redeemed once) and no write is lost. Real child processes, real ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { actionMediaType } from '../../models/authn-api.ts';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'authconf-shared-'));
const file = join(dir, 'shared.sqlite');

interface Server {
  url: string;
  child: ChildProcess;
  /** The server's log (error level and above only). */
  log(): string;
}

function serve(): Promise<Server> {
  const child = spawn(process.execPath, ['bin/authconf.mjs', 'serve', '--port', '0', '--db', file, '--test-control', '--log-level', 'error'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /authconf serve: (http:\/\/\S+)\/portal\/signon/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, log: () => err });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out} ${err}`)));
  });
}

let a: Server;
let b: Server;
const statuses: number[] = [];

beforeAll(async () => {
  // Started together on a fresh file: both create the schema and the signing key at once.
  [a, b] = await Promise.all([serve(), serve()]);
}, 60_000);

afterAll(async () => {
  for (const server of [a, b]) {
    if (!server) continue;
    const exit = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGINT');
    await exit;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function call(server: Server, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  statuses.push(res.status);
  const text = await res.text();
  return { status: res.status, json: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, any> };
}

const act = (server: Server, flowId: string, action: string, body: unknown = {}) =>
  call(server, `/pf-ws/authn/flows/${flowId}`, { body, headers: { 'content-type': actionMediaType(action), 'x-xsrf-header': 'x' } });

async function flowAt(server: Server, username: string, password: string) {
  const start = await call(server, '/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&response_type=code&scope=openid');
  const signed = await act(server, start.json.id, 'checkUsernamePassword', { username, password });
  expect(signed.status).toBe(200);
  return start.json.id as string;
}

/** Alternates between the two servers. */
const either = (i: number): Server => (i % 2 === 0 ? a : b);

describe('two servers on one SQLite file', () => {
  test('both serve the same signing key and the same users', async () => {
    const [ja, jb] = await Promise.all([call(a, '/pf/JWKS'), call(b, '/pf/JWKS')]);
    expect(ja.json.keys).toHaveLength(1);
    expect(jb.json).toEqual(ja.json);
    expect((await call(b, '/test/v1/users/alice')).status).toBe(200);
  });

  test('concurrent writes on both: every user created is there, from either server', async () => {
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) => call(either(i), '/test/v1/users', { body: { username: `load${i}`, password: 'pw', devices: [{ kind: 'totp' }] } })),
    );
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    const read = await Promise.all(Array.from({ length: 60 }, (_, i) => call(either(i + 1), `/test/v1/users/load${i}`)));
    expect(read.map((r) => r.json.devices?.length)).toEqual(read.map(() => 1));
  }, 60_000);

  test('one OTP, twenty flows on two servers, all at once: accepted exactly once', async () => {
    await call(a, '/test/v1/users', { body: { username: 'olga', password: 'pw', devices: [{ kind: 'totp' }] } });
    const flows = await Promise.all(Array.from({ length: 20 }, (_, i) => flowAt(either(i), 'olga', 'pw')));
    const ready = await Promise.all(flows.map((id, i) => act(either(i), id, 'authenticate', {})));
    expect(ready.map((r) => r.json.status)).toEqual(ready.map(() => 'OTP_REQUIRED'));
    const otp = (await call(b, '/test/v1/users/olga')).json.devices[0].currentOtp as string;
    const answers = await Promise.all(flows.map((id, i) => act(either(i + 1), id, 'checkOtp', { otp })));
    // Exactly one flow completes; every other answer is a refusal of the replayed code (400), or,
    // once the user's wrong tries reach the policy's limit, the per-user lockout (MFA_FAILED).
    const outcomes = answers.map((r) => (r.status === 200 ? String(r.json.status) : String(r.status)));
    expect(outcomes.filter((o) => o === 'MFA_COMPLETED')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'MFA_COMPLETED').every((o) => o === '400' || o === 'MFA_FAILED')).toBe(true);
  }, 60_000);

  test('one pairing key claimed from both servers at once: claimed exactly once', async () => {
    const { key } = (await call(a, '/test/v1/pairing-keys', { body: { username: 'olga' } })).json;
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => call(either(i), '/device/v1/pairing-keys/claim', { body: { key } })));
    expect(claims.filter((r) => r.status === 200)).toHaveLength(1);
    expect(new Set(claims.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.json.code}`))).toEqual(new Set(['409 PAIRING_KEY_USED']));
  }, 60_000);

  test('one authorization code redeemed on both servers at once: one ID token', async () => {
    const id = await flowAt(a, 'alice', 'alice-password');
    const pairing = await act(b, id, 'authenticate', { mobilePayload: Buffer.from(JSON.stringify({ v: 1, installationId: 'i-shared', platform: 'ios', name: 'iPhone' })).toString('base64url') });
    expect(pairing.json.status).toBe('MOBILE_PAIRING_REQUIRED');
    const done = await act(a, id, 'continueAuthentication');
    const form = { grant_type: 'authorization_code', code: done.json.authorizeResponse.code, client_id: 'authconf-app', client_secret: 'authconf-app-secret' };
    const redeemed = await Promise.all(Array.from({ length: 10 }, (_, i) => call(either(i), '/as/token.oauth2', { form })));
    expect(redeemed.filter((r) => r.status === 200)).toHaveLength(1);
    expect(redeemed.filter((r) => r.status !== 200).map((r) => r.json.error)).toEqual(Array(9).fill('invalid_grant'));
  }, 60_000);

  test('no 5xx on either server, and nothing in their error logs', () => {
    expect(statuses.length).toBeGreaterThan(200);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(a.log() + b.log()).toBe('');
  });
});
