import { describe, expect, it } from 'vitest';
import { runPlan } from '../../runner/engine.ts';
import { startEmbeddedServer } from '../sim/server.ts';
import { createServer, type AddressInfo } from 'node:net';
import { resolvePolicy } from '../../../models/policy.ts';
import { build } from '../../../reference-server/app.ts';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('api driver', () => {
  it('refuses an unreachable --target with TARGET_UNREACHABLE', async () => {
    await expect(runPlan({ plan: 'adapter', driver: 'api', target: 'http://127.0.0.1:9', out: null })).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
  });

  it('makes the paths that need test control not-applicable on a target without the hook', async () => {
    // The flow's `_links` carry the server's baseUrl: it must be the port it listens on.
    const port = await freePort();
    const app = build({ testControl: false, baseUrl: `http://127.0.0.1:${port}` });
    await app.listen({ port, host: '127.0.0.1' });
    const address = app.server.address() as AddressInfo;
    try {
      const result = await runPlan({ plan: 'adapter', driver: 'api', target: `http://127.0.0.1:${address.port}`, out: null, variants: ['devices=one', 'statusAttribute=pingone.mfa.status', 'poll=post', 'actionVia=content-type'] });
      const na = result.paths.filter((p) => p.status === 'not-applicable');
      expect(na.length).toBeGreaterThan(0);
      expect(na.some((p) => p.reason?.includes("needs the target's test-control hook"))).toBe(true);
      // API-GEN-FLOW-NOT-FOUND needs the flow-expired fault or the clock: not-applicable, with that reason.
      const expiry = result.paths.filter((p) => p.steps.some((s) => s.event === 'FLOW.EXPIRE'));
      expect(expiry.length).toBeGreaterThan(0);
      expect(expiry.every((p) => p.status === 'not-applicable' && p.reason?.startsWith("expiring the flow needs the target's test-control hook"))).toBe(true);
      // POST.WITHOUT_XSRF needs no test control: its refusal is checked on this target too.
      const xsrf = result.paths.filter((p) => p.steps.some((s) => s.event === 'POST.WITHOUT_XSRF'));
      expect(xsrf.length).toBeGreaterThan(0);
      expect(xsrf.every((p) => p.steps.find((s) => s.event === 'POST.WITHOUT_XSRF')?.status === 'passed')).toBe(true);
      expect(result.paths.every((p) => p.status !== 'passed' || !p.steps.some((s) => s.event === 'PUSH.APPROVE'))).toBe(true);
      expect(result.paths.filter((p) => p.status === 'failed').map((p) => p.reason)).toEqual([]);
      // Not a PASS: the MUSTs only those paths reach are not applicable, and the verdict says what would complete the run.
      expect(result.summary.verdict).toBe('INCOMPLETE');
      const naReason = result.summary.reasons.find((r) => r.code === 'MUST_NOT_APPLICABLE' && r.remedy.includes('test-control routes in models/test-control.ts'));
      expect(naReason?.requirements?.length).toBeGreaterThan(0);
      expect(na.every((p) => p.remedy === undefined || p.remedy.includes('models/test-control.ts'))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('credits the vendor media type only to steps that sent it, and ?action= only under actionVia=query', async () => {
    for (const via of ['query', 'content-type'] as const) {
      const result = await runPlan({ plan: 'adapter', driver: 'api', variants: ['devices=one', 'poll=post', `actionVia=${via}`], out: null });
      expect(result.summary.paths.failed).toBe(0);
      const cited = new Set(result.paths.flatMap((p) => p.steps.flatMap((s) => [...s.requirements, ...s.checks.flatMap((c) => c.requirements)])));
      expect(cited.has('API-GEN-ACTION-QUERY')).toBe(via === 'query');
      expect(cited.has('API-GEN-ACTION-MEDIA-TYPE')).toBe(via === 'content-type');
    }
  });

  it('runs the adapter plan against a --target URL and marks app flows not-applicable', async () => {
    const server = await startEmbeddedServer(resolvePolicy(), 1, []);
    try {
      const result = await runPlan({ plan: 'all', driver: 'api', target: server.base, out: null, variants: ['poll=post', 'statusAttribute=pingone.mfa.status', 'devices=one', 'actionVia=query'], path: 'adapter-initial-pairing/devices=one,statusAttribute=pingone.mfa.status,poll=post,actionVia=query/1' });
      expect(result.run.target).toBe(server.base);
      expect(result.paths).toHaveLength(1);
      expect(result.paths[0]!.status).not.toBe('not-applicable');
      const mobile = await runPlan({ plan: 'mobile', driver: 'api', target: server.base, out: null, variants: ['pin=4', 'location=optional', 'keyFormat=numeric', 'keyLifetime=10m'] });
      expect(mobile.paths.every((p) => p.status === 'not-applicable' && p.reason?.includes('api driver runs only'))).toBe(true);
      // Nothing applicable ran: INCOMPLETE, never PASS.
      expect(mobile.summary.verdict).toBe('INCOMPLETE');
      expect(mobile.summary.reasons.map((r) => r.code)).toContain('NOTHING_RAN');
    } finally {
      await server.close();
    }
  });
});
