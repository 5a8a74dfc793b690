/**
 * Pairing-key properties against the embedded reference server (real loopback port, fixed
 * seed, few runs), under both readings of the key-format and key-lifetime disagreements, and a
 * second server for the binding; with the `accept-reused-pairing-key` and
 * `accept-expired-pairing-key` deviations the properties fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviationName } from '../../../models/deviations.ts';
import { variantOf } from '../../plans/variants.ts';
import { TestControl } from '../../drivers/sim/control.ts';
import { type EmbeddedServer, startEmbeddedServer } from '../../drivers/sim/server.ts';
import { CheckError } from '../../runner/errors.ts';
import { ensurePairingKeyHasPolicyFormat, ensurePairingKeyIsBoundToUserAndServer, ensurePairingKeyIsSingleUse, ensurePairingKeyLifetimeIsExact, type KeyTarget } from './pairing-keys.ts';

const options = { seed: 48, runs: 3 };
const readings = [{ keyFormat: 'numeric', keyLifetime: '10m' }, { keyFormat: 'alphanumeric', keyLifetime: '48h' }];
const servers: EmbeddedServer[] = [];

async function target(values: Record<string, string>, deviations: DeviationName[] = []): Promise<KeyTarget> {
  const { policy } = variantOf(values);
  const server = await startEmbeddedServer(policy, servers.length + 1, deviations);
  servers.push(server);
  return { base: server.base, control: new TestControl(server.base), policy };
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

for (const reading of readings) {
  describe(`pairing keys, ${reading.keyFormat} keys living ${reading.keyLifetime}`, () => {
    let issuer: KeyTarget;
    let other: KeyTarget;
    beforeAll(async () => {
      issuer = await target(reading);
      other = await target(reading);
    });
    for (const check of [ensurePairingKeyHasPolicyFormat, ensurePairingKeyIsSingleUse, ensurePairingKeyIsBoundToUserAndServer, ensurePairingKeyLifetimeIsExact]) {
      it(`${check.name} holds`, async () => {
        const cited: string[] = [];
        await check({ cite: (ids) => cited.push(...ids) }, issuer, { ...options, other });
        expect(cited).toEqual(check.requirements);
      });
    }
  });
}

describe('a server that deviates fails the key properties', () => {
  it('accept-reused-pairing-key fails single use; accept-expired-pairing-key fails the lifetime', async () => {
    const reused = await ensurePairingKeyIsSingleUse({ cite: () => undefined }, await target(readings[0]!, ['accept-reused-pairing-key']), options).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(CheckError);
    expect((reused as CheckError).requirements).toEqual(['MOB-PAIR-KEY-SINGLE-USE']);
    const expired = await ensurePairingKeyLifetimeIsExact({ cite: () => undefined }, await target(readings[0]!, ['accept-expired-pairing-key']), { ...options, runs: 6 }).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(CheckError);
    expect((expired as CheckError).message).toContain('1 s after');
  });
});
