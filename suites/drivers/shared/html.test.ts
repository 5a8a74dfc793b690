import { describe, expect, it } from 'vitest';
import { snapshotOf, testIdElements } from './html.ts';

const page = `<main data-testid="portal-otp"><h1>Authentication</h1>
<div class="error" data-testid="auth-otp-error">Wrong code. <code>OTP_INVALID</code></div>
<input type="text" name="otp" data-testid="auth-otp-field" value="">
<ul><li><button data-testid="device-option" data-device-id="d1">iPhone &amp; co<small>Mobile</small></button></li>
<li><button data-testid="device-option" data-device-id="d2">Desk</button></li></ul>
<div data-testid="outer"><div>inner <b>bold</b></div></div></main>`;

describe('html by data-testid', () => {
  it('finds the screen and the visible values, repeated controls as lists', () => {
    const snap = snapshotOf(page, ['portal-otp', 'portal-success']);
    expect(snap.screen).toBe('portal-otp');
    expect(snap.values['auth-otp-error']).toBe('Wrong code. OTP_INVALID');
    expect(snap.values['device-option']).toEqual(['iPhone & co Mobile', 'Desk']);
    expect(snap.values.outer).toBe('inner bold');
  });

  it('keeps attributes (device ids, input values)', () => {
    const options = testIdElements(page).filter((e) => e.id === 'device-option');
    expect(options.map((o) => o.attrs['data-device-id'])).toEqual(['d1', 'd2']);
    expect(testIdElements(page).find((e) => e.id === 'auth-otp-field')?.tag).toBe('input');
  });
});
