/**
 * The server deviation owned by the Creds plugin (`models/deviations.ts`): documented behaviour
 * and the one mutation, at the HTTP level, like `../deviations.test.ts` does for the others.
 */
import { describe, expect, test } from 'vitest';
import { deviations } from '../../models/deviations.ts';
import { testServer } from '../test-helpers.ts';
import { employee, inbox, issue, pairWallet, presentation, share } from './creds-test-kit.ts';

async function shareWithoutRequiredField(options: Parameters<typeof testServer>[0] = {}) {
  const { app } = testServer(options);
  const token = await pairWallet(app, 'wallet-a');
  const card = await issue(app, 'wallet-a');
  const request = await presentation(app, ['name', 'employeeId'], ['email']);
  const res = await share(app, token, request.id, card.id, { name: employee.name });
  return { status: res.statusCode, code: res.json<{ code?: string }>().code, received: (await inbox(app, request.id)).received?.fields ?? null };
}

describe('verifier-accepts-missing-required', () => {
  test(`breaks ${deviations['verifier-accepts-missing-required'].breaks}`, () => {
    expect(deviations['verifier-accepts-missing-required']).toMatchObject({ side: 'server', breaks: 'CREDS-SHARE-REQUIRED-FIXED' });
  });

  test('documented: a share without a required field is refused and the verifier receives nothing', async () => {
    expect(await shareWithoutRequiredField()).toEqual({ status: 400, code: 'PRESENTATION_MISSING_REQUIRED_FIELD', received: null });
  });

  test('deviant: the same share is accepted and the verifier receives it without the required field', async () => {
    expect(await shareWithoutRequiredField({ deviations: ['verifier-accepts-missing-required'] })).toEqual({ status: 200, code: undefined, received: { name: employee.name } });
  });

  test('the deviation changes only that rule: unrequested fields are still refused', async () => {
    const { app } = testServer({ deviations: ['verifier-accepts-missing-required'] });
    const token = await pairWallet(app, 'wallet-a');
    const card = await issue(app, 'wallet-a');
    const request = await presentation(app, ['name'], []);
    expect((await share(app, token, request.id, card.id, { name: employee.name, phone: employee.phone })).json().code).toBe('PRESENTATION_UNREQUESTED_FIELD');
  });
});
