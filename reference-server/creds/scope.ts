/**
 * What every Creds step receives: the server's shared context plus the resolved Creds config
 * (`issuers.ts`), and the one way a Creds rule refuses: `refuse(code, message, requirements)`,
 * with the requirement IDs it enforces checked by the compiler at the call site.
 */
import type { ErrorCode } from '../../models/error-codes.ts';
import type { RequirementId } from '../../models/requirements.ts';
import type { ServerContext } from '../context.ts';
import { fail, type ErrorDetail } from '../http/errors.ts';
import type { CredsConfig, Issuer } from './issuers.ts';

export interface CredsScope {
  context: ServerContext;
  config: CredsConfig;
}

/** Throws the registry code; `enforces` names the documented rules this refusal stands for (logged, not sent). */
export function refuse(code: ErrorCode, message: string, enforces: readonly RequirementId[], extra: { userMessage?: string; details?: ErrorDetail[] } = {}): never {
  fail(code, message, { ...extra, requirements: [...enforces] });
}

export function issuerOf(scope: CredsScope, issuerId: string): Issuer {
  const issuer = scope.config.issuers.get(issuerId);
  if (!issuer) fail('CREDS_ISSUER_NOT_FOUND', `No issuer ${issuerId}; this server issues as ${[...scope.config.issuers.keys()].join(', ')}.`);
  return issuer;
}
