/**
 * MFA before a new device (MOB-PAIR-MFA-BEFORE-NEW-DEVICE; seed 004 additional device): someone who
 * knows only the password of a user who already has a device signs on in another browser, opens
 * the registration page and presses Start. The portal must not show Add a New Device with a
 * pairing key (the attacker would pair their own phone and sign on as the user); it asks for MFA.
 */
import { portal } from '../../../models/testids.ts';
import { portalScreens } from '../../assertions/screens.ts';
import { WebClient, WebClientError } from '../../drivers/shared/web-client.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';

const { screens: S, controls: C } = portal;

export const ensureStartNeedsMfaForAUserWithADevice = defineCheck(
  'ensureStartNeedsMfaForAUserWithADevice',
  ['MOB-PAIR-MFA-BEFORE-NEW-DEVICE'],
  async (base: string, username: string, password: string, step: Pick<Step, 'attach'>) => {
    const attacker = new WebClient(base);
    await attacker.get('/portal/signon');
    await attacker.submit(C.signOnSubmit, { username, password });
    await attacker.get('/portal/registration');
    try {
      if (attacker.snapshot(portalScreens).screen === S.registration) await attacker.submit(C.start);
    } catch (error) {
      if (!(error instanceof WebClientError)) throw error;
    }
    const after = attacker.snapshot(portalScreens);
    step.attach({ name: 'Start pressed after the password alone', contentType: 'text/plain', body: `${attacker.exchanges.join('\n')}\nscreen: ${after.screen} ${String(after.values[C.failureReason] ?? '')}` });
    ensure(after.screen !== S.addDevice && after.values[C.pairingKey] === undefined, [], `after the password alone, Start showed ${after.screen} with a pairing key: a user with a device was not asked for MFA`, {
      continuable: true, code: 'MFA_SKIPPED', expected: 'a refusal (MFA_REQUIRED)', actual: after.screen,
    });
  },
);
