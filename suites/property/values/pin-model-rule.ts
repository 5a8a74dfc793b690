/**
 * The model's PIN rule, as the flow machines decide it: a PIN submitted on the create-PIN screen
 * is accepted when none of the machine's refusal guards (`pinWrongLength`, `pinTooFewDistinct`,
 * `pinSequence`) holds. Read from the machines' own guard implementations, so it is exactly the
 * rule the paths run under. The one place to redirect when the rule moves into a pure module
 * under models/ (issue 8): replace `modelAcceptsPin` with that module's function.
 */
import type { AnyStateMachine } from 'xstate';
import { desktopPairingMachine } from '../../../models/machines/desktop-pairing.ts';
import { mobilePairingMachine } from '../../../models/machines/mobile-pairing.ts';
import type { Policy } from '../../../models/policy.ts';

type Guard = (args: { context: { policy: Policy }; event: { type: string; pin: string } }, params: undefined) => boolean;

function guardsOf(machine: AnyStateMachine): Guard[] {
  const guards = machine.implementations.guards as Record<string, Guard>;
  return ['pinWrongLength', 'pinTooFewDistinct', 'pinSequence'].map((name) => {
    const guard = guards[name];
    if (!guard) throw new Error(`machine ${machine.id} has no guard ${name}: update suites/property/values/pin-model-rule.ts`);
    return guard;
  });
}

const refusals = { mobile: guardsOf(mobilePairingMachine), desktop: guardsOf(desktopPairingMachine) };

/** Whether the model (the mobile or desktop pairing machine) accepts `pin` as a new PIN under `policy`. */
export function modelAcceptsPin(app: 'mobile' | 'desktop', pin: string, policy: Policy): boolean {
  const args = { context: { policy }, event: { type: 'PIN.SUBMIT', pin } };
  return !refusals[app].some((refuses) => refuses(args, undefined));
}
