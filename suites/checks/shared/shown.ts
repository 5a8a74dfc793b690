/**
 * Reading what a screen shows, by testID only (the `ScreenSnapshot` contract of models/testids.ts):
 * the same reads work on the sims, a web build (Puppeteer) or a native build (Detox).
 */
import { portal } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';

type Values = Partial<Record<string, string | string[]>>;

/** The visible text of a control ('' when the screen does not show it). */
export function textOf(values: Values, control: string): string {
  const v = values[control];
  return Array.isArray(v) ? v.join(' ') : (v ?? '');
}

/** One entry per item of a repeated control ([] when not shown). */
export function itemsOf(values: Values, control: string): string[] {
  const v = values[control];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function ensureShows(values: Values, control: string, pattern: RegExp, what: string): void {
  ensure(pattern.test(textOf(values, control)), [], `${what}: '${control}' shows '${textOf(values, control)}'`, { code: 'VALUE_MISMATCH', expected: String(pattern), actual: textOf(values, control) });
}

export function ensureScreen(actual: string, expected: string, what: string): void {
  ensure(actual === expected, [], `${what}: the screen is ${actual}, expected ${expected}`, { code: 'SCREEN_MISMATCH', expected, actual });
}

export function portalShown(world: PathWorld): { screen: string; values: Values } {
  return world.portal.snapshot();
}

/** The organisation the portal signs the user on to, as its header shows it. */
export function portalOrganisation(world: PathWorld): string {
  const name = textOf(portalShown(world).values, portal.controls.organization).trim();
  ensure(name !== '', [], 'the portal shows no organisation name', { code: 'VALUE_MISMATCH', actual: portalShown(world).values });
  return name;
}

/** A pairing key as the policy sets it: its alphabet (numeric or alphanumeric) and length, grouping spaces or dashes ignored. */
export function ensureKeyInPolicyFormat(world: PathWorld, shown: string, what: string): string {
  const key = shown.replace(/[\s-]+/g, '');
  const { format, length } = world.policy.pairingKey;
  const alphabet = format === 'numeric' ? /^[0-9]+$/ : /^[0-9A-Z]+$/;
  ensure(alphabet.test(key) && key.length === length, [], `${what}: '${shown}' is not a ${length}-character ${format} key`, { code: 'KEY_FORMAT', expected: { format, length }, actual: shown });
  return key;
}
