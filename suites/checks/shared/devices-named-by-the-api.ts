/**
 * What the organisation's documented Authentication API says of a user's devices (seed 004 step
 * 2; protocol facts §2), read with the user's own credentials, never through test control:
 * AUTHENTICATION_REQUIRED names the primary device (none for a user without devices) and offers
 * selectDevice ("change device") only to a user with several devices. The flow is cancelled after.
 * Checks that ask "did pairing complete?" read this, as a vendor's integration would.
 */
import type { FlowState } from '../../../models/authn-api.ts';
import type { PathWorld } from '../../port/world.ts';
import { AuthnClient } from '../../drivers/shared/authn-client.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { listedDevices, offered } from '../adapter/answers.ts';

export interface DevicesNamed {
  /** The primary device AUTHENTICATION_REQUIRED names, if any. */
  primary: { id: string; type: string } | undefined;
  /** selectDevice offered: the user has more than one device. */
  several: boolean;
  /** With `listAll`: every device the flow lists once authentication starts (else the primary only). */
  devices: { id: string; type: string }[];
}

/**
 * `listAll`: AUTHENTICATION_REQUIRED names the primary device only and never offers selectDevice
 * (seed 004 additional device step 2), so the flow goes one step further: `authenticate` lists
 * every device (DEVICE_SELECTION_REQUIRED, or the OTP/push state with selectDevice when there are
 * several). Only for users whose primary device takes no push (desktop app, authenticator app):
 * a phone would get a request.
 */
export async function devicesNamedByTheApi(world: PathWorld, step: Step, options: { listAll?: boolean } = {}): Promise<DevicesNamed> {
  const api = new AuthnClient(world.base);
  try {
    const started = await api.start();
    const signedOn = await api.action(started.body as FlowState, 'checkUsernamePassword', { username: world.username, password: world.password });
    let flow = signedOn.body as FlowState;
    ensure(flow.status === 'AUTHENTICATION_REQUIRED', [], `the Authentication API answered ${String(flow.status)} to ${world.username}'s password, expected AUTHENTICATION_REQUIRED`, { code: 'STATUS_MISMATCH', actual: flow.status });
    const primary = listedDevices(flow)[0];
    let named: DevicesNamed = { primary, several: offered(flow).includes('selectDevice'), devices: primary ? [primary] : [] };
    if (options.listAll && primary) {
      flow = (await api.action(flow, 'authenticate', {})).body as FlowState;
      const devices = listedDevices(flow);
      named = { primary, several: flow.status === 'DEVICE_SELECTION_REQUIRED' || offered(flow).includes('selectDevice') || devices.length > 1, devices };
    }
    if (offered(flow).includes('cancelAuthentication')) await api.action(flow, 'cancelAuthentication');
    return named;
  } finally {
    step.attach({ name: "the user's devices, as the Authentication API names them", contentType: 'text/plain', body: api.exchanges.join('\n') });
  }
}
