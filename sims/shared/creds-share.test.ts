import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Credential } from '../../models/device-api.ts';
import { credentialFits, initialSelection, sharedFields, toggleField, type ShareRequest } from './creds-share.ts';

const fieldName = fc.constantFrom('name', 'email', 'phone', 'employeeId', 'department', 'title', 'birthDate', 'address');

/** A request with disjoint required/optional fields, a credential holding them all, and taps on any fields. */
const scenario = fc
  .tuple(fc.uniqueArray(fieldName, { minLength: 1, maxLength: 8 }), fc.nat(8), fc.array(fieldName, { maxLength: 12 }))
  .map(([fields, cut, taps]) => {
    const split = Math.min(cut, fields.length);
    const request: ShareRequest & { credentialType: string } = { credentialType: 'EmployeeCard', requiredFields: fields.slice(0, split), optionalFields: fields.slice(split) };
    const credential: Credential = {
      id: 'c1',
      type: 'EmployeeCard',
      issuer: { id: 'acme', name: 'Acme' },
      issuedAt: '2024-06-15T00:00:00.000Z',
      expiresAt: null,
      fields: Object.fromEntries(fields.map((f) => [f, `value of ${f}`])),
      revoked: false,
    };
    return { request, credential, taps };
  });

describe('Creds share selection (seed 003 share step 2)', () => {
  it('the shared set always holds every required field and only required or selected optional ones', () => {
    fc.assert(
      fc.property(scenario, ({ request, credential, taps }) => {
        const selection = taps.reduce((s, f) => toggleField(request, s, f), initialSelection());
        const shared = Object.keys(sharedFields(credential, request, selection));
        for (const f of request.requiredFields) expect(shared).toContain(f);
        for (const f of shared) expect(request.requiredFields.includes(f) || selection.optional.includes(f)).toBe(true);
        for (const f of selection.optional) expect(request.optionalFields).toContain(f);
      }),
      { numRuns: 300 },
    );
  });

  it('an optional field is shared exactly when it was tapped an odd number of times', () => {
    fc.assert(
      fc.property(scenario, ({ request, credential, taps }) => {
        const selection = taps.reduce((s, f) => toggleField(request, s, f), initialSelection());
        const shared = sharedFields(credential, request, selection);
        for (const f of request.optionalFields) {
          const odd = taps.filter((t) => t === f).length % 2 === 1;
          expect(Object.hasOwn(shared, f)).toBe(odd);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('values are the credential values, unchanged', () => {
    fc.assert(
      fc.property(scenario, ({ request, credential, taps }) => {
        const selection = taps.reduce((s, f) => toggleField(request, s, f), initialSelection());
        for (const [f, v] of Object.entries(sharedFields(credential, request, selection))) expect(v).toBe(credential.fields[f]);
      }),
    );
  });

  it('a credential fits only when it is of the type, not revoked, and holds every required field', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ request, credential }, revoked) => {
        expect(credentialFits({ ...credential, revoked }, request)).toBe(!revoked);
        expect(credentialFits({ ...credential, type: 'Other' }, request)).toBe(false);
        if (request.requiredFields.length > 0) {
          const { [request.requiredFields[0]!]: _dropped, ...rest } = credential.fields;
          expect(credentialFits({ ...credential, fields: rest }, request)).toBe(false);
        }
      }),
    );
  });

  it('deviation share-unselected-optional sends every optional field', () => {
    fc.assert(
      fc.property(scenario, ({ request, credential }) => {
        const shared = sharedFields(credential, request, initialSelection(), { shareUnselectedOptional: true });
        expect(Object.keys(shared).sort()).toEqual([...request.requiredFields, ...request.optionalFields].sort());
      }),
    );
  });
});
