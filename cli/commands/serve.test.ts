import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../main.ts';
import { parseServeArgs } from './serve.ts';

const dir = mkdtempSync(join(tmpdir(), 'authconf-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('authconf serve arguments', () => {
  test('defaults: port 3000, authconf.sqlite, no test control', () => {
    expect(parseServeArgs([])).toMatchObject({ port: 3000, host: '127.0.0.1', db: 'authconf.sqlite', testControl: false, deviations: [], logLevel: 'info', quiet: false });
  });

  test('every option, in both --flag value and --flag=value forms', () => {
    const args = parseServeArgs(['--port=0', '--host', '0.0.0.0', '--db', ':memory:', '--test-control', '--deviate', 'accept-reused-pairing-key', '--policy-json', 'p.json'], () => '{"pin":{"length":6}}');
    expect(args).toMatchObject({ port: 0, host: '0.0.0.0', db: ':memory:', testControl: true, deviations: ['accept-reused-pairing-key'], policy: { pin: { length: 6 } } });
    expect(parseServeArgs(['--log-level=warn', '--quiet'])).toMatchObject({ logLevel: 'warn', quiet: true });
  });

  test('bad input: exit 2 with a stable code', async () => {
    const cases: [string[], string][] = [
      [['serve', '--deviate', 'nope'], 'UNKNOWN_DEVIATION'],
      [['serve', '--deviate', 'accept-sequential-pin'], 'UNKNOWN_DEVIATION'],
      [['serve', '--port', 'x'], 'USAGE'],
      [['serve', '--frobnicate'], 'USAGE'],
      [['serve', '--log-level', 'loud'], 'USAGE'],
    ];
    for (const [argv, code] of cases) {
      const { io, err } = capture();
      expect(await main(argv, io)).toBe(2);
      expect(err.join('\n')).toContain(`[${code}]`);
    }
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, '{"devices":{"max":99}}');
    const { io, err } = capture();
    expect(await main(['serve', '--policy-json', policy], io)).toBe(2);
    expect(err.join('\n')).toContain('[POLICY_INVALID]');
  });

  test('a file that is not an authconf database: DB_UNUSABLE', async () => {
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'not sqlite '.repeat(200));
    const { io, err } = capture();
    expect(await main(['serve', '--port', '0', '--db', garbage], io)).toBe(2);
    expect(err.join('\n')).toContain('[DB_UNUSABLE]');
  });

  test('a port in use: PORT_IN_USE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { io, err } = capture();
    expect(await main(['serve', '--port', String(port), '--db', ':memory:'], io)).toBe(2);
    expect(err.join('\n')).toContain('[PORT_IN_USE]');
    blocker.close();
  });
});

test('bin/authconf.mjs serve listens, prints its URL, serves the portal, logs JSON with request ids to stderr and stops on SIGINT', async () => {
  const child = spawn(process.execPath, ['bin/authconf.mjs', 'serve', '--port', '0', '--db', join(dir, 'cli.sqlite'), '--test-control'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /authconf serve: (http:\/\/\S+)\/portal\/signon/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const page = await fetch(`${url}/portal/signon`);
  expect(await page.text()).toContain('data-testid="portal-signon"');
  const requestId = page.headers.get('x-request-id');
  expect(requestId).toMatch(/^req-/);
  expect((await fetch(`${url}/test/v1/clock`)).status).toBe(200);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  expect(await exit).toBe(0);
  const lines = log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { reqId?: string; level: number });
  expect(lines.filter((l) => l.reqId === requestId).length).toBeGreaterThan(0);
  expect(lines.filter((l) => l.level >= 50)).toEqual([]);
});

test('a store with devices from an earlier run says so at start, with how to start clean (issue 10)', async () => {
  const { keptDevicesNote } = await import('./serve.ts');
  expect(keptDevicesNote('authconf.sqlite', 0)).toBeUndefined();
  expect(keptDevicesNote(':memory:', 3)).toBeUndefined();
  expect(keptDevicesNote('authconf.sqlite', 2)).toMatch(/2 paired device\(s\) kept from an earlier run.*delete authconf\.sqlite.*--db :memory:/);
});
