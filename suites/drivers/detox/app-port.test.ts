/**
 * What the Detox runner reads (`getAttributes()` of each control, one entry per matching element)
 * becomes the same contract snapshot the sims give: checkboxes 'checked'/'unchecked', a disabled
 * single control 'disabled', repeated rows a list (also when one or none is shown).
 */
import { describe, expect, it } from 'vitest';
import { mobile } from '../../../models/testids.ts';
import { contractValue, toScreen } from './app-port.ts';

const S = mobile.screens;
const C = mobile.controls;

describe('Detox attributes as the testID contract', () => {
  it('a control: its text; disabled when not enabled; a checkbox by its checked state', () => {
    expect(contractValue({ text: 'Continue', enabled: true }, false)).toBe('Continue');
    expect(contractValue({ label: 'Next', enabled: false }, false)).toBe('disabled');
    expect(contractValue({ text: 'email: a@b.c', enabled: false }, true)).toBe('email: a@b.c'); // a row of a list keeps its text
    expect(contractValue({ text: '', checked: true }, true)).toBe('checked');
    expect(contractValue({ text: '', checked: false }, false)).toBe('unchecked');
  });

  it('repeated controls of a screen are lists, even with one row or none', () => {
    const shown = toScreen(S.accounts, {
      [C.accountItem]: [{ text: 'Acme', enabled: true }],
      [C.tabCreds]: [{ text: 'Creds', enabled: true }],
    });
    expect(shown).toEqual({ screen: S.accounts, values: { [C.accountItem]: ['Acme'], [C.otpValue]: [], [C.otpCountdown]: [], [C.tabCreds]: 'Creds' } });
  });

  it('several elements with one testID are a list on any screen; no screen visible is no screen', () => {
    expect(toScreen(S.error, { [C.errorCode]: [{ text: 'A' }, { text: 'B' }] }).values[C.errorCode]).toEqual(['A', 'B']);
    expect(toScreen(null, {})).toEqual({ screen: '(no screen)', values: {} });
  });
});
