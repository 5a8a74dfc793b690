/**
 * The control port: the target's test control (`models/test-control.ts`), for the clock, faults
 * and preconditions ONLY. A check never takes from here a value a person would read on a screen
 * (the OTP, the pairing key): those come from the app and portal ports. Against a target without
 * test control, every operation is not applicable (the paths that need one say so).
 */
import type { Support } from '../../models/driver.ts';
import type { Fault } from '../../models/test-control.ts';

export interface ControlPort {
  /** Supported when the target answers `GET /test/v1/faults`; else the reason. */
  readonly available: Support;
  advanceClock(ms: number): Promise<void>;
  injectFault(fault: Fault, target?: string): Promise<void>;
  /** A user with the given devices set up out of band (a precondition, not an observation). */
  seedUser(username: string, password: string, devices?: { kind: 'mobile' | 'desktop' | 'sms' | 'totp' | 'email'; name?: string }[]): Promise<void>;
}
