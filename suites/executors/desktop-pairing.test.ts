import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { desktopPairingMachine, type DesktopPairingEvent } from '../../models/machines/desktop-pairing.ts';
import { resolvePolicy } from '../../models/policy.ts';
import { desktopPairingBinding } from './desktop-pairing.ts';

const pairedUser: DesktopPairingEvent = { type: 'SIGNON.SUBMIT', credentials: 'valid', user: 'paired' };

function walk(max: number, events: DesktopPairingEvent[]): string {
  const actor = createActor(desktopPairingMachine, { input: { policy: resolvePolicy({ devices: { max } }) } }).start();
  for (const event of events) actor.send(event);
  return String(actor.getSnapshot().value);
}

describe('desktop-pairing: adding the desktop app from My Devices (DSK-PAIR-MY-DEVICES)', () => {
  const toMyDevices: DesktopPairingEvent[] = [pairedUser, { type: 'AUTH.PASSCODE' }, { type: 'MY_DEVICES.OPEN' }];

  it('a user with a device paired reaches Desktop Setup through My Devices when several devices are allowed', () => {
    expect(walk(5, toMyDevices)).toBe('myDevices');
    expect(walk(5, [...toMyDevices, { type: 'MY_DEVICES.ADD' }, { type: 'DEVICE.CHOOSE_DESKTOP' }])).toBe('desktopSetup');
  });

  it('with one device allowed the model offers no Add a New Device, and the sim world calls the branch not-applicable', () => {
    expect(walk(1, [...toMyDevices, { type: 'MY_DEVICES.ADD' }])).toBe('myDevices');
    const one = desktopPairingBinding.supports!(pairedUser, { values: { devices: 'one' }, policy: resolvePolicy({ devices: { max: 1 } }) });
    expect(one).toEqual({ reason: expect.stringContaining('DSK-PAIR-MY-DEVICES') });
    expect(desktopPairingBinding.supports!(pairedUser, { values: {}, policy: resolvePolicy() })).toBe(true);
    expect(desktopPairingBinding.supports!({ type: 'SIGNON.SUBMIT', credentials: 'valid' }, { values: { devices: 'one' }, policy: resolvePolicy({ devices: { max: 1 } }) })).toBe(true);
  });
});
