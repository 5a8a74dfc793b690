/**
 * The PIN rule through the mobile app's own screen, for a fast-check sample of PINs (the full
 * 10^6 go through the pure rule, pin-rules.ts): the sim driver walks the model's shortest way to
 * the create-PIN screen, then types the sampled PINs one after another, each through the screen
 * (testIDs), and after each the phone must be where the model's rule says: still on create-PIN
 * for a refused PIN, on confirm-PIN for the first accepted one.
 */
import fc from 'fast-check';
import { type AnyMachineSnapshot, getNextSnapshot } from 'xstate';
import type { Driver, ModelEvent, Variant } from '../../../models/driver.ts';
import { flowMachine } from '../../../models/machines/index.ts';
import { defineCheck } from '../../checks/check.ts';
import type { ResolvedRun } from '../../runner/options.ts';
import { PropertyModel } from '../model.ts';
import { Walk, type WalkState } from '../world.ts';
import { assertProperty } from './assert-property.ts';
import { CheckError } from '../../runner/errors.ts';

/** PINs worth trying: any digits, runs up and down, mirrored runs, few distinct digits. */
export function pinSample(length: 4 | 6): fc.Arbitrary<string> {
  const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
  const run = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(1, -1)).map(([start, step]) => Array.from({ length }, (_, i) => (((start + step * i) % 10) + 10) % 10).join(''));
  const mirrored = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(1, -1)).map(([start, step]) => {
    const half = Array.from({ length: length / 2 }, (_, i) => (((start + step * i) % 10) + 10) % 10).join('');
    return half + [...half].reverse().join('');
  });
  const few = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.array(fc.boolean(), { minLength: length, maxLength: length })).map(([a, b, pick]) => pick.map((p) => (p ? a : b)).join(''));
  return fc.oneof(digits, run, mirrored, few);
}

export interface PinScreenOptions {
  seed: number;
  runs: number;
  /** PINs typed per walk (each sample is one walk to the screen). */
  perWalk?: number;
}

/** After each typed PIN, the phone shows what the model's rule decides. */
export const ensureMobilePinScreenFollowsTheModelRule = defineCheck(
  'ensureMobilePinScreenFollowsTheModelRule',
  ['MOB-PAIR-PIN-LENGTH', 'MOB-PAIR-PIN-DISTINCT-DIGITS', 'MOB-PAIR-PIN-NO-SEQUENCE'],
  async (driver: Driver, run: ResolvedRun, variant: Variant, options: PinScreenOptions) => {
    const entry = flowMachine('mobile-pairing');
    if (!entry) throw new Error('no mobile-pairing machine');
    const model = new PropertyModel({ id: entry.id, title: entry.title, seed: entry.seed, machine: entry.machine, events: entry.events }, variant, driver);
    const label = model.labels.find((l) => l.startsWith('pinCreate --PIN.SUBMIT') && l.endsWith('pinConfirm'));
    if (!label) throw new Error('the model has no accepted PIN.SUBMIT from pinCreate under this variant (pin off?)');
    const length = variant.policy.pin.length as 4 | 6;
    await assertProperty(fc.asyncProperty(fc.array(pinSample(length), { minLength: 1, maxLength: options.perWalk ?? 6 }), async (pins) => {
      const walk = new Walk(model, driver, run, 'property-values/pin-screen');
      const state: WalkState = { node: model.initial, steps: 0, maxSteps: 100 };
      try {
        await walk.open();
        const route = model.routeTo(model.initial, label)!;
        for (const edge of route.slice(0, -1)) await walk.perform(edge, state);
        let snapshot = model.graph.nodes.get(state.node)!.snapshot as AnyMachineSnapshot;
        for (const pin of pins) {
          const event: ModelEvent = { type: 'PIN.SUBMIT', pin };
          const next = getNextSnapshot(entry.machine, snapshot, event) as AnyMachineSnapshot;
          const step = { event, state: model.graph.catalogue.stateOf(next), transitions: model.graph.catalogue.taken(snapshot, event).map((t) => t.label), requirements: [] };
          const done = await walk.performStep(step);
          if (done !== true) return;
          snapshot = next;
          if (step.state !== 'pinCreate' && !step.state.endsWith('pinCreate')) break;
        }
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof CheckError) throw new CheckError({ ...cause, message: `${cause.message} (after typing ${JSON.stringify(pins)})`, requirements: cause.requirements });
        throw error;
      } finally {
        await walk.close();
      }
    }), options);
  },
);
