/**
 * What an app screen shows, in a form both the contract snapshot (`ScreenSnapshot` of
 * `models/testids.ts`) and the web builds' DOM are derived from, so the two cannot drift:
 * the sim's `snapshot()` and the page a browser driver reads come from the same `ScreenView`.
 */
import type { ScreenSnapshot } from '../../models/testids.ts';

export type ControlKind =
  | 'button' // a tappable control; `text` is its label
  | 'link'
  | 'tab'
  | 'text' // a visible value (OTP, organisation, error code)
  | 'input' // a text field; `text` is what was typed
  | 'pin' // a masked field; `text` is one dot per digit typed
  | 'checkbox' // `items[].checked`; snapshot value 'checked' | 'unchecked'
  | 'file' // image upload (web builds' scan fallback)
  | 'video'; // the camera preview (web builds)

export interface ControlItem {
  text: string;
  checked?: boolean;
  disabled?: boolean;
}

export interface ControlView<C extends string = string> {
  id: C;
  kind: ControlKind;
  text: string;
  /** Repeated controls (one per account, credential, field): one item each, in screen order. */
  items?: ControlItem[];
  disabled?: boolean;
  /** Presentation only: a heading shown above the control (seed 003: fields "under an Optional heading"). */
  heading?: string;
  /** Presentation only: a secondary action (Deny, Back, Cancel) is drawn less prominently. */
  secondary?: boolean;
  /** Presentation only: a field's visible label (a `<label>` in the web build; the accessibility label natively). */
  label?: string;
  /** Presentation only: an example of what to type, shown in the empty field. */
  placeholder?: string;
  /** Presentation only: a sentence shown under the control (the person's words beside an error code). */
  hint?: string;
}

export interface ScreenView<S extends string = string, C extends string = string> {
  screen: S;
  title: string;
  /** Plain paragraphs shown under the title. */
  body: string[];
  controls: ControlView<C>[];
}

function valueOf(control: ControlView): string | string[] {
  if (control.items) return control.items.map((item) => (control.kind === 'checkbox' ? (item.checked ? 'checked' : 'unchecked') : item.text));
  if (control.kind === 'checkbox') return control.text;
  if (control.disabled) return 'disabled';
  return control.text;
}

export function toSnapshot<S extends string, C extends string>(view: ScreenView<S, C>): ScreenSnapshot<S, C> {
  const values: Partial<Record<C, string | string[]>> = {};
  for (const control of view.controls) values[control.id] = valueOf(control);
  return { screen: view.screen, values };
}
