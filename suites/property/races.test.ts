/**
 * The race properties against the embedded reference server on a real loopback port: fast-check's
 * scheduler picks the order two concurrent HTTP requests are sent in (fixed seed, few runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../models/policy.ts';
import { TestControl } from '../drivers/sim/control.ts';
import { type EmbeddedServer, startEmbeddedServer } from '../drivers/sim/server.ts';
import { CheckError } from '../runner/errors.ts';
import { ensureOnePhoneWinsAConcurrentKeyClaim, raceChecks } from './races.ts';

const options = { seed: 2, runs: 5 };

describe('races over real concurrent HTTP (fast-check scheduler)', () => {
  let server: EmbeddedServer;
  let target: { base: string; control: TestControl; policy: typeof defaultPolicy };
  beforeAll(async () => {
    server = await startEmbeddedServer(defaultPolicy, 1, []);
    target = { base: server.base, control: new TestControl(server.base), policy: defaultPolicy };
  });
  afterAll(async () => server.close());

  for (const check of [ensureOnePhoneWinsAConcurrentKeyClaim, ...raceChecks]) {
    it(`${check.name}`, async () => {
      const cited: string[] = [];
      await check({ cite: (ids) => cited.push(...ids) }, target, options);
      expect(cited).toEqual(check.requirements);
    });
  }
});

describe('a race property fails on a server that lets both win', () => {
  it('accept-reused-pairing-key: both concurrent claims of one key win', async () => {
    const server = await startEmbeddedServer(defaultPolicy, 1, ['accept-reused-pairing-key']);
    try {
      const target = { base: server.base, control: new TestControl(server.base), policy: defaultPolicy };
      const failure = await ensureOnePhoneWinsAConcurrentKeyClaim({ cite: () => undefined }, target, options).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CheckError);
      expect((failure as CheckError).message).toContain('2 won');
    } finally {
      await server.close();
    }
  });
});
