/** Authorization codes: issued when a flow (API or portal) completes, redeemed once at the token endpoint. */
import type { ServerContext } from '../context.ts';
import type { AuthCodeRecord } from '../store/records.ts';
import { randomToken } from '../domain/ids.ts';

/** RFC 6749 §4.1.2: codes are short-lived; 60 s. */
export const CODE_TTL_SECONDS = 60;

/** `grant.authTime`: when the user authenticated (OpenID Connect Core §2 auth_time), not now. */
export function issueCode(context: ServerContext, grant: Omit<AuthCodeRecord, 'code' | 'expiresAt' | 'used'>): string {
  const code = randomToken(context.rng);
  const now = context.nowMs();
  context.store.put('authCodes', code, { ...grant, code, expiresAt: now + CODE_TTL_SECONDS * 1000, used: false });
  return code;
}

/** The contract attribute (seed 004) as an ID token claim: `{ [policy.statusAttribute]: 'com.pingidentity.pingone.<value>' }`. */
export function statusClaims(context: ServerContext, value: string): Record<string, string> {
  return { [context.config.policy.statusAttribute]: `com.pingidentity.pingone.${value}` };
}
