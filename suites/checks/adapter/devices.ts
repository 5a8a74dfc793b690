/**
 * The devices the Authentication API names, checked against the devices the test set up for the
 * user (its preconditions: ids, kinds, the first one primary), seed 004:
 * - AUTHENTICATION_REQUIRED names the user's primary device (additional device step 2), and none
 *   for a user without devices (initial pairing step 2);
 * - DEVICE_SELECTION_REQUIRED lists every device of the user (step 5.3);
 * - selectDevice with an id taken from that list starts on that device; an unknown id is
 *   400 VALIDATION_ERROR / INVALID_DEVICE and the state stays;
 * - under "Default to Primary" the primary device is used without prompting;
 * - selectDevice ("change device") is offered only to a user with several devices.
 */
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { currentFlow, devicesSetUp, deviceTypes, ensureDeviceObjectFields, ensureRefusedWith, ensureStatus, lastAnswer, listedDevices, offered } from './answers.ts';

function ensureSameDevice(listed: { id: string; type: string } | undefined, expected: { id: string; kind: string } | undefined, what: string): void {
  ensure(listed !== undefined && expected !== undefined && listed.id === expected.id, [], `${what}: lists ${JSON.stringify(listed)}, expected device ${expected?.id} (${expected?.kind})`, { code: 'DEVICE_MISMATCH', expected, actual: listed });
  ensure((deviceTypes[expected.kind] ?? []).includes(listed.type), [], `${what}: device ${listed.id} has type ${listed.type}, expected one of ${(deviceTypes[expected.kind] ?? []).join(', ')} for a ${expected.kind} device`, { code: 'DEVICE_MISMATCH', expected: expected.kind, actual: listed.type });
}

export const ensureAuthenticationRequiredWithoutDevices = defineCheck('ensureAuthenticationRequiredWithoutDevices', ['API-INIT-AUTHENTICATION-REQUIRED'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'AUTHENTICATION_REQUIRED', 'after the first factor');
  ensure(offered(flow).includes('authenticate'), [], 'AUTHENTICATION_REQUIRED does not offer authenticate', { code: 'LINKS_MISMATCH', actual: offered(flow) });
  ensure(listedDevices(flow).length === 0, [], `a user without devices is shown devices ${JSON.stringify(listedDevices(flow))}`, { code: 'DEVICE_MISMATCH', actual: listedDevices(flow) });
});

export const ensureAuthenticationRequiredNamesThePrimaryDevice = defineCheck('ensureAuthenticationRequiredNamesThePrimaryDevice', ['API-ADD-AUTHENTICATION-REQUIRED'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'AUTHENTICATION_REQUIRED', 'after the first factor');
  const listed = listedDevices(flow);
  const setUp = devicesSetUp(world);
  if (setUp.length === 0) return; // a user without devices: the initial flow's check
  ensure(listed.length === 1, [], `AUTHENTICATION_REQUIRED lists ${listed.length} devices, expected the primary one`, { code: 'DEVICE_MISMATCH', actual: listed });
  ensureSameDevice(listed[0], setUp[0], 'AUTHENTICATION_REQUIRED');
  ensureDeviceObjectFields(flow, setUp[0]!.id, setUp[0]!.kind, 'AUTHENTICATION_REQUIRED');
});

export const ensureDeviceSelectionListsTheUsersDevices = defineCheck('ensureDeviceSelectionListsTheUsersDevices', ['API-ADD-DEVICE-SELECTION'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'DEVICE_SELECTION_REQUIRED', 'several devices under Prompt User to Select');
  const listed = listedDevices(flow);
  const setUp = devicesSetUp(world);
  ensure(listed.length === setUp.length, [], `DEVICE_SELECTION_REQUIRED lists ${listed.length} devices, the user has ${setUp.length}`, { code: 'DEVICE_MISMATCH', expected: setUp.map((d) => d.id), actual: listed });
  for (const device of setUp) {
    ensureSameDevice(listed.find((l) => l.id === device.id), device, 'DEVICE_SELECTION_REQUIRED');
    ensureDeviceObjectFields(flow, device.id, device.kind, 'DEVICE_SELECTION_REQUIRED');
  }
});

/** selectDevice with an id from the list under test starts on that device: push for a phone, OTP otherwise. */
export const ensureSelectDeviceStartsOnTheChosenDevice = defineCheck('ensureSelectDeviceStartsOnTheChosenDevice', ['API-ADD-SELECT-DEVICE'], (world: PathWorld) => {
  const sent = String(world.memo.get('deviceRefSent') ?? '');
  const chosen = devicesSetUp(world).find((d) => d.id === sent);
  if (!chosen) {
    ensureRefusedWith(lastAnswer(world), 'VALIDATION_ERROR', `selectDevice with unknown id '${sent}'`, 'INVALID_DEVICE');
    return;
  }
  const flow = currentFlow(world);
  ensureStatus(flow, chosen.kind === 'mobile' ? 'PUSH_CONFIRMATION_WAITING' : 'OTP_REQUIRED', `selectDevice ${chosen.kind} device`);
  ensure(flow.selectedDeviceRef?.id === sent, [], `selectDevice ${sent}: the flow selected ${String(flow.selectedDeviceRef?.id)}`, { code: 'DEVICE_MISMATCH', expected: sent, actual: flow.selectedDeviceRef });
});

export const ensurePrimaryDeviceUsedByDefault = defineCheck('ensurePrimaryDeviceUsedByDefault', ['API-ADD-DEFAULT-PRIMARY'], (world: PathWorld) => {
  const flow = currentFlow(world);
  const primary = devicesSetUp(world)[0];
  ensure(flow.status !== 'DEVICE_SELECTION_REQUIRED', [], 'under Default to Primary the user was prompted to select a device', { code: 'STATUS_MISMATCH', actual: flow.status });
  ensure(primary !== undefined && flow.selectedDeviceRef?.id === primary.id, [], `under Default to Primary the flow selected ${String(flow.selectedDeviceRef?.id)}, not the primary ${primary?.id}`, { code: 'DEVICE_MISMATCH', expected: primary?.id, actual: flow.selectedDeviceRef });
});

/** selectDevice is listed exactly when the user has several devices (the widget's change device). */
export const ensureChangeDeviceOnlyWithSeveralDevices = defineCheck('ensureChangeDeviceOnlyWithSeveralDevices', ['API-GEN-CHANGE-DEVICE'], (world: PathWorld) => {
  const flow = currentFlow(world);
  const several = devicesSetUp(world).length > 1;
  ensure(offered(flow).includes('selectDevice') === several, [], `${flow.status} ${several ? 'does not offer' : 'offers'} selectDevice to a user with ${devicesSetUp(world).length} device(s)`, { code: 'LINKS_MISMATCH', actual: offered(flow) });
});
