/**
 * What the wallet sends when the user taps Share (seed 003 "How do I share my Creds?" step 2):
 * required fields are pre-selected and cannot be removed; optional fields go only when their
 * checkbox is selected. Pure functions, property-tested in creds-share.test.ts.
 */
import type { Credential, PresentationRequest } from '../../models/device-api.ts';
import { cite } from './requirement.ts';

export type ShareRequest = Pick<PresentationRequest, 'requiredFields' | 'optionalFields'>;

export interface ShareSelection {
  /** The optional fields the user ticked, in the order they were listed. */
  optional: string[];
}

export interface ShareOptions {
  /** Deviation `share-unselected-optional`: every optional field goes, selected or not. */
  shareUnselectedOptional?: boolean;
}

/** The review screen starts with no optional field selected (opt-in). */
export function initialSelection(): ShareSelection {
  cite('CREDS-SHARE-OPTIONAL-OPT-IN');
  return { optional: [] };
}

/** Ticking or unticking a field. A required field cannot be removed, so toggling it changes nothing. */
export function toggleField(request: ShareRequest, selection: ShareSelection, field: string): ShareSelection {
  if (request.requiredFields.includes(field) && cite('CREDS-SHARE-REQUIRED-FIXED')) return selection;
  if (!request.optionalFields.includes(field)) return selection;
  const chosen = new Set(selection.optional);
  if (chosen.has(field)) chosen.delete(field);
  else chosen.add(field);
  return { optional: request.optionalFields.filter((f) => chosen.has(f)) };
}

/** Whether the credential can answer the request at all: it holds every required field. */
export function credentialFits(credential: Credential, request: ShareRequest & { credentialType: string }): boolean {
  return !credential.revoked && credential.type === request.credentialType && request.requiredFields.every((f) => Object.hasOwn(credential.fields, f));
}

/** The fields sent: every required one, plus the selected optional ones the credential holds. */
export function sharedFields(credential: Credential, request: ShareRequest, selection: ShareSelection, options: ShareOptions = {}): Record<string, string> {
  const optional = options.shareUnselectedOptional ? request.optionalFields : selection.optional.filter((f) => request.optionalFields.includes(f));
  const out: Record<string, string> = {};
  for (const field of [...request.requiredFields, ...optional]) {
    const value = credential.fields[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}
