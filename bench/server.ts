/**
 * `npm run bench:server`: the reference server under load, in one run, against a bare Fastify
 * hello-world on the same machine. The servers run in child processes (bench/server-child.ts),
 * the load (autocannon, fetch) here.
 *
 *   1. bare Fastify hello-world (GET /)                          requests/s
 *   2. OIDC discovery document                                   requests/s
 *   3. flow GET (PUSH_CONFIRMATION_WAITING) with 2 users, then with 10,000 users and devices
 *      stored, logger off; and with 10,000, logger on (info)      requests/s, vs. 1.
 *   4. 1,000 concurrent adapter flows to completion (sign-on, authenticate, push approved
 *      through test control, poll, continueAuthentication), two rounds: per-flow p50/p99/max,
 *      and the server's RSS and heap after each round (after a full GC)
 *
 * Goals (issue 9): 3. at 10,000 users >= 0.5 x 1.; 4. all complete, p99 < 5 s, memory flat.
 * Options: --duration S (seconds per autocannon run, default 3), --runs N (runs per row, median
 * reported, default 3), --users N (default 10000),
 * --flows N (default 1000). BENCH_CPU_PROFILE=DIR writes the servers' CPU profiles into DIR.
 * Benchmarks live here, not in timed tests (the machine may be shared: read the ratios).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { actionMediaType } from '../models/authn-api.ts';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '3' }, runs: { type: 'string', default: '3' }, users: { type: 'string', default: '10000' }, flows: { type: 'string', default: '1000' } },
});
const duration = Number(values.duration);
const runs = Number(values.runs);
const userCount = Number(values.users);
const flowCount = Number(values.flows);

const dir = mkdtempSync(join(tmpdir(), 'authconf-bench-'));

interface Child {
  process: ChildProcess;
  url: string;
  loggedUrl?: string;
  ask<T>(message: object, answer: string): Promise<T>;
}

async function start(mode: 'hello' | 'reference'): Promise<Child> {
  const child = fork(join(import.meta.dirname, 'server-child.ts'), [mode, join(dir, `${mode}.sqlite`)], {
    execArgv: ['--expose-gc', '--import', 'tsx', ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited ${code}`)));
    });
  const listening = await next('listening');
  return {
    process: child,
    url: listening.url as string,
    ...(listening.loggedUrl ? { loggedUrl: listening.loggedUrl as string } : {}),
    ask: async <T>(message: object, answer: string) => {
      const reply = next(answer);
      child.send(message);
      return (await reply) as T;
    },
  };
}

async function stop(child: Child): Promise<void> {
  const exit = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.send({ type: 'stop' });
  await exit;
}

interface Load {
  /** Median over the runs. */
  rps: number;
  /** Lowest and highest run. */
  range: [number, number];
  p99: number;
  errors: number;
  /** Server CPU time per request, µs (median run): what the server spends, whatever else runs on the machine. */
  cpuPerRequest: number;
}

/**
 * autocannon, `runs` times for `duration` seconds each (after a 1 s warm-up): the median of the
 * mean requests/s (a shared machine makes single runs swing 2x or more), its range, the p99
 * latency of the median run, and non-2xx + errors + timeouts over all runs.
 */
async function load(server: Child, url: string, headers: Record<string, string> = {}): Promise<Load> {
  const cpu = async () => (await server.ask<{ cpuMs: number }>({ type: 'cpu' }, 'cpu')).cpuMs;
  await autocannon({ url, connections: 20, duration: 1, headers });
  const results = [];
  for (let i = 0; i < runs; i++) {
    const before = await cpu();
    const result = await autocannon({ url, connections: 50, duration, headers });
    results.push({ ...result, cpuPerRequest: ((await cpu()) - before) * 1000 / Math.max(1, result.requests.total) });
  }
  const sorted = [...results].sort((a, b) => a.requests.average - b.requests.average);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const cpuSorted = results.map((r) => r.cpuPerRequest).sort((a, b) => a - b);
  return {
    rps: median.requests.average,
    range: [sorted[0]!.requests.average, sorted.at(-1)!.requests.average],
    p99: median.latency.p99,
    errors: results.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
    cpuPerRequest: cpuSorted[Math.floor(cpuSorted.length / 2)]!,
  };
}

const rate = (l: Load) => `${Math.round(l.rps)} req/s`;
const spread = (l: Load) => `runs ${Math.round(l.range[0])}-${Math.round(l.range[1])}, p99 ${l.p99} ms, ${l.errors} errors, server CPU ${Math.round(l.cpuPerRequest)} µs/request`;
/** Throughput ratio, and the same ratio from server CPU per request (what a quiet machine would show). */
const versus = (l: Load, bare: Load) => `${(l.rps / bare.rps).toFixed(2)} x bare (by CPU per request: ${(bare.cpuPerRequest / l.cpuPerRequest).toFixed(2)} x)`;

/** Keep-alive connections, no limit: node:http is lighter than fetch, and the load generator shares the machine. */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function json(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`${init.method ?? 'GET'} ${url}: ${res.statusCode} ${text}`));
        else resolve(JSON.parse(text) as Record<string, any>);
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const act = (base: string, flowId: string, action: string, body: unknown = {}) =>
  json(`${base}/pf-ws/authn/flows/${flowId}`, {
    method: 'POST',
    headers: { 'content-type': actionMediaType(action), 'x-xsrf-header': 'bench' },
    body: JSON.stringify(body),
  });

/** One adapter flow to COMPLETED: sign-on, authenticate (push), approve through test control, poll, continue. */
async function adapterFlow(base: string, username: string): Promise<string> {
  const start = await json(`${base}/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&response_type=code&scope=openid`);
  await act(base, start.id, 'checkUsernamePassword', { username, password: 'pw' });
  const waiting = await act(base, start.id, 'authenticate', {});
  if (waiting.status !== 'PUSH_CONFIRMATION_WAITING') throw new Error(`authenticate: ${waiting.status}`);
  await json(`${base}/test/v1/push/decide`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, decision: 'approve' }) });
  const approved = await act(base, start.id, 'poll');
  if (approved.status !== 'MFA_COMPLETED') throw new Error(`poll: ${approved.status}`);
  const done = await act(base, start.id, 'continueAuthentication');
  return done.status as string;
}

interface Round {
  completed: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  wall: number;
}

async function concurrentFlows(base: string): Promise<Round> {
  const t0 = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: flowCount }, async (_, i) => {
      const begun = performance.now();
      try {
        const status = await adapterFlow(base, `bench${i}`);
        return { ok: status === 'COMPLETED', ms: performance.now() - begun };
      } catch (error) {
        process.stderr.write(`flow bench${i}: ${(error as Error).message}\n`);
        return { ok: false, ms: performance.now() - begun };
      }
    }),
  );
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  const completed = outcomes.filter((o) => o.ok).length;
  return { completed, failed: flowCount - completed, p50: at(0.5), p99: at(0.99), max: times.at(-1)!, wall: performance.now() - t0 };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const rows: [string, string, string][] = [];
const row = (what: string, figure: string, note = '') => {
  rows.push([what, figure, note]);
  process.stderr.write(`  ${what}: ${figure} ${note}\n`);
};

try {
  process.stderr.write(`bench:server: ${runs} x ${duration} s per throughput row, ${userCount} users, ${flowCount} concurrent flows\n`);
  const hello = await start('hello');
  const bare = await load(hello, `${hello.url}/`);
  await stop(hello);
  row('bare Fastify hello-world', rate(bare), spread(bare));

  const ref = await start('reference');
  const discovery = await load(ref, `${ref.url}/.well-known/openid-configuration`);
  row('OIDC discovery', rate(discovery), `${versus(discovery, bare)}; ${spread(discovery)}`);

  // A flow waiting on a push: its GET reads the flow, the user and the user's devices.
  await ref.ask({ type: 'seed', from: 0, to: 1 }, 'seeded');
  const flowOf = async () => {
    const start = await json(`${ref.url}/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&response_type=code&scope=openid`);
    await act(ref.url, start.id, 'checkUsernamePassword', { username: 'bench0', password: 'pw' });
    await act(ref.url, start.id, 'authenticate', {});
    return start.id as string;
  };
  const small = await load(ref, `${ref.url}/pf-ws/authn/flows/${await flowOf()}`);
  row('flow GET, 3 users stored', rate(small), `${versus(small, bare)}; ${spread(small)}`);

  const seedStart = performance.now();
  for (let from = 1; from < userCount; from += 2000) await ref.ask({ type: 'seed', from, to: Math.min(userCount, from + 2000) }, 'seeded');
  process.stderr.write(`  (seeded ${userCount} users and devices in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)\n`);
  const flowId = await flowOf();
  const big = await load(ref, `${ref.url}/pf-ws/authn/flows/${flowId}`);
  row(`flow GET, ${userCount} users and devices`, rate(big), `${versus(big, bare)} (goal >= 0.5); ${spread(big)}`);
  const logged = await load(ref, `${ref.loggedUrl}/pf-ws/authn/flows/${flowId}`);
  row(`flow GET, ${userCount} users, logger on (info)`, rate(logged), `${versus(logged, bare)}; ${spread(logged)}`);

  let cpuBefore = (await ref.ask<{ cpuMs: number }>({ type: 'memory' }, 'memory')).cpuMs;
  for (const round of [1, 2]) {
    const result = await concurrentFlows(ref.url);
    const memory = await ref.ask<{ rss: number; heapUsed: number; cpuMs: number }>({ type: 'memory' }, 'memory');
    const cpu = memory.cpuMs - cpuBefore;
    cpuBefore = memory.cpuMs;
    row(
      `${flowCount} concurrent adapter flows, round ${round}`,
      `${result.completed}/${flowCount} completed`,
      `p50 ${(result.p50 / 1000).toFixed(2)} s, p99 ${(result.p99 / 1000).toFixed(2)} s (goal < 5 s), max ${(result.max / 1000).toFixed(2)} s, wall ${(result.wall / 1000).toFixed(2)} s`,
    );
    row(`server CPU time, round ${round}`, `${(cpu / 1000).toFixed(2)} s`, `${(cpu / flowCount).toFixed(2)} ms per flow (user + system, all threads; less sensitive to a shared machine than wall time)`);
    row(`server memory after round ${round} (after GC)`, `RSS ${mib(memory.rss)}`, `heap ${mib(memory.heapUsed)}`);
  }
  await stop(ref);

  const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
  const line = (r: [string, string, string]) => `| ${r[0].padEnd(width[0]!)} | ${r[1].padEnd(width[1]!)} | ${r[2]} |`;
  process.stdout.write(
    [
      '',
      `reference server benchmark (node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end, SQLite store, median of ${runs} x ${duration} s per row, 50 connections)`,
      line(['what', 'figure', 'notes']),
      `|${'-'.repeat(width[0]! + 2)}|${'-'.repeat(width[1]! + 2)}|-------|`,
      ...rows.map(line),
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
