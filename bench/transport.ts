/**
 * `npm run bench -- --transport`: what one Authentication API request costs over real HTTP
 * (undici `fetch` to the embedded server on a loopback port, as property mode does today) and
 * in-process (Fastify's `inject`, light-my-request), on the same server: a GET of a flow, the
 * request every check makes. Prints requests/s and ms per request for each (issue 12 item 5).
 */
import { performance } from 'node:perf_hooks';
import { ManualClock, seededRng } from '../models/runtime.ts';
import { listen } from '../reference-server/listen.ts';

export async function benchTransport(requests = 2000): Promise<void> {
  const running = await listen({ port: 0, host: '127.0.0.1', clock: new ManualClock(), rng: seededRng(1), testControl: true });
  try {
    const started = await running.app.inject({ method: 'GET', url: '/as/authorization.oauth2?client_id=authconf-app&response_type=code&response_mode=pi.flow&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&scope=openid', headers: { accept: 'application/json' } });
    const path = `/pf-ws/authn/flows/${(started.json() as { id: string }).id}`;
    const time = async (name: string, one: () => Promise<unknown>): Promise<string> => {
      for (let i = 0; i < 200; i++) await one(); // warm-up
      const t = performance.now();
      for (let i = 0; i < requests; i++) await one();
      const ms = performance.now() - t;
      return `${name.padEnd(16)}${Math.round((requests / ms) * 1000)} requests/s (${(ms / requests).toFixed(3)} ms each, ${requests} sequential GETs of a flow)`;
    };
    const lines = [
      await time('fetch (HTTP)', async () => (await fetch(`${running.url}${path}`, { headers: { accept: 'application/json', 'x-xsrf-header': 'bench' } })).text()),
      await time('inject', async () => (await running.app.inject({ method: 'GET', url: path, headers: { accept: 'application/json', 'x-xsrf-header': 'bench' } })).body),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await running.close();
  }
}
