/**
 * The control port: the target's test control (`models/test-control.ts`), for the clock, faults
 * and preconditions ONLY. A check never takes from here a value a person would read on a screen
 * (the OTP, the pairing key): those come from the app and portal ports. Against a target without
 * test control, `faults()` answers undefined and the paths that need control are not applicable.
 * `TestControl` (suites/drivers/sim/control.ts) implements it over HTTP.
 */
import type { Fault } from '../../models/test-control.ts';

export interface ControlPort {
  /** The faults the target can inject, or undefined when it has no test control. */
  faults(): Promise<string[] | undefined>;
  advanceClock(ms: number): Promise<unknown>;
  injectFault(fault: Fault, target?: string): Promise<void>;
  /** A user with devices set up out of band (a precondition, not an observation). */
  seedUser(username: string, password: string, devices?: { kind: 'mobile' | 'desktop' | 'sms' | 'totp' | 'email'; name?: string }[]): Promise<unknown>;
}
