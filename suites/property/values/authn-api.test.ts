/**
 * The Authentication API request properties against the embedded reference server on a real
 * loopback port (fixed seed, few runs each): each holds on the reference server and credits
 * the requirements it cites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../models/policy.ts';
import { TestControl } from '../../drivers/sim/control.ts';
import { type EmbeddedServer, startEmbeddedServer } from '../../drivers/sim/server.ts';
import { apiValueChecks, type ApiTarget } from './authn-api.ts';

const options = { seed: 12, runs: 6 };

describe('Authentication API request properties (embedded server, HTTP)', () => {
  let server: EmbeddedServer;
  let target: ApiTarget;
  beforeAll(async () => {
    server = await startEmbeddedServer(defaultPolicy, 1, []);
    target = { base: server.base, control: new TestControl(server.base) };
  });
  afterAll(async () => server.close());

  // Every request property, media types in any letter case among them (RFC 9110 §8.3.1).
  for (const check of apiValueChecks) {
    it(`${check.name} holds on the reference server`, async () => {
      const cited: string[] = [];
      await check({ cite: (ids) => cited.push(...ids) }, target, options);
      expect(cited).toEqual(check.requirements);
    });
  }
});
