/**
 * The target's time, as the checks and executors compute time-based values from it (OTPs, token
 * expiry): its test-control clock (`TestControl.now`: the embedded target's own clock, without a
 * request), else, for a target without test control, the world's clock.
 */
import type { PathWorld } from '../../port/world.ts';

export async function targetTimeMs(world: PathWorld): Promise<number> {
  return (world.memo.get('noTestControl') ? undefined : await world.control.now()) ?? world.clock.now();
}

export async function targetEpochSeconds(world: PathWorld): Promise<number> {
  return Math.floor((await targetTimeMs(world)) / 1000);
}
