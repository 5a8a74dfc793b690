/**
 * Every flow machine pastes into the Stately visualizer and simulates as is: started with no
 * input, it runs under the default policy (inlined in each machine, since machines import only
 * types; this keeps each copy equal to models/policy.ts `defaultPolicy`).
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { defaultPolicy } from '../policy.ts';
import { adapterAdditionalDeviceMachine } from './adapter-additional-device.ts';
import { adapterInitialPairingMachine } from './adapter-initial-pairing.ts';
import { credsMachine } from './creds.ts';
import { desktopPairingMachine } from './desktop-pairing.ts';
import { desktopSignonMachine } from './desktop-signon.ts';
import { flowMachines } from './index.ts';
import { mobileAuthenticationMachine } from './mobile-authentication.ts';
import { mobilePairingMachine } from './mobile-pairing.ts';

describe('machines start with no input (Stately)', () => {
  it('every machine, as its module exports it: createActor(machine).start() runs under defaultPolicy', () => {
    const actors = [
      createActor(mobilePairingMachine).start(),
      createActor(mobileAuthenticationMachine).start(),
      createActor(desktopPairingMachine).start(),
      createActor(desktopSignonMachine).start(),
      createActor(credsMachine).start(),
      createActor(adapterInitialPairingMachine).start(),
      createActor(adapterAdditionalDeviceMachine).start(),
    ];
    expect(actors.length).toBe(flowMachines.length);
    for (const actor of actors) {
      const snapshot = actor.getSnapshot();
      expect(snapshot.status, actor.logic.id).toBe('active');
      expect(snapshot.context.policy, actor.logic.id).toEqual(defaultPolicy);
      actor.stop();
    }
  });

  it('an input policy still wins over the default', () => {
    const policy = { ...defaultPolicy, pin: { ...defaultPolicy.pin, length: 6 as const } };
    for (const { machine, id } of flowMachines) {
      const actor = createActor(machine, { input: { policy } }).start();
      expect(actor.getSnapshot().context.policy, id).toBe(policy);
      actor.stop();
    }
  });
});
