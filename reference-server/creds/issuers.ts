/**
 * The issuers this server plays, with their credential types and named fields (seed 003: "pair
 * your PingID mobile app with an issuer (for example, your employer)"), and the plugin's own
 * defaults, each with why. Issuers are configuration, not stored data: a credential names its
 * issuer and type by id, and both stay valid across restarts as long as this list does.
 */

export interface CredentialType {
  /** The type name wallets and verifiers use (`PresentationRequest.credentialType`). */
  name: string;
  /** Every field an issued credential may carry, in display order. */
  fields: readonly string[];
  /** The fields every credential of this type carries. */
  required: readonly string[];
}

export interface Issuer {
  id: string;
  name: string;
  types: readonly CredentialType[];
}

export const defaultIssuers: readonly Issuer[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    types: [
      { name: 'EmployeeCard', fields: ['name', 'employeeId', 'department', 'email', 'phone'], required: ['name', 'employeeId'] },
      { name: 'ParkingPermit', fields: ['name', 'plate', 'zone'], required: ['name', 'plate'] },
    ],
  },
  {
    id: 'city-library',
    name: 'City Library',
    types: [{ name: 'LibraryCard', fields: ['name', 'cardNumber', 'branch', 'memberSince', 'address'], required: ['name', 'cardNumber'] }],
  },
];

export interface CredsOptions {
  issuers?: readonly Issuer[];
  /** Seconds an issuer's pairing offer (QR code or link) stays usable. */
  offerTtlSeconds?: number;
}

export interface CredsConfig {
  issuers: ReadonlyMap<string, Issuer>;
  offerTtlSeconds: number;
}

export function resolveCredsConfig(options: CredsOptions = {}): CredsConfig {
  return {
    // Two issuers, so "pair with each issuer separately" (seed 003) can be shown.
    issuers: new Map((options.issuers ?? defaultIssuers).map((issuer) => [issuer.id, issuer])),
    // 10 minutes, the PingOne pairing-key lifetime (protocol facts, open question 4); the seed gives none.
    offerTtlSeconds: options.offerTtlSeconds ?? 600,
  };
}

export function credentialTypeOf(issuer: Issuer, name: string): CredentialType | undefined {
  return issuer.types.find((type) => type.name === name);
}
