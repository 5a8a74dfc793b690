/** The sim driver's per-machine bindings (events -> calls, states -> checks). */
import { adapterAdditionalDeviceBinding, adapterInitialPairingBinding } from './adapter.ts';
import { credsBinding } from './creds.ts';
import { desktopPairingBinding } from './desktop-pairing.ts';
import { desktopSignonBinding } from './desktop-signon.ts';
import { mobileAuthenticationBinding } from './mobile-authentication.ts';
import { mobilePairingBinding } from './mobile-pairing.ts';
import type { MachineBinding } from './types.ts';

const bindings: MachineBinding[] = [mobilePairingBinding, mobileAuthenticationBinding, desktopPairingBinding, desktopSignonBinding, adapterInitialPairingBinding, adapterAdditionalDeviceBinding, credsBinding];

export function bindingOf(machine: string): MachineBinding | undefined {
  return bindings.find((b) => b.machine === machine);
}
