/**
 * One way to fail: throw `ApiFailure(code, ...)` with a code from the registry
 * (`models/error-codes.ts`); the one error handler (`error-handler.ts`) turns it, and every
 * Fastify failure, into a 4xx body `{ code, message, userMessage?, details? }`.
 */
import type { ApiError } from '../../models/device-api.ts';
import type { ErrorCode } from '../../models/error-codes.ts';
import { errorCodes } from '../../models/error-codes.ts';
import type { RequirementId } from '../../models/requirements.ts';

export type ErrorDetail = NonNullable<ApiError['details']>[number] & { code: ErrorCode };

export interface FailureExtra {
  userMessage?: string;
  details?: ErrorDetail[];
  /** Overrides the registry's status (never to a 5xx for bad input). */
  status?: number;
  /** OAuth endpoints also carry RFC 6749 §5.2 `error` / `error_description`. */
  oauthError?: string;
  /** The documented rules this refusal enforces (compile-checked against the registry; logged, not sent). */
  requirements?: RequirementId[];
}

/**
 * A refusal (4xx) is an answer, logged by its code and never with a stack: it is made without one,
 * which skips the cost of capturing it (thousands per conformance run). A 5xx keeps its stack for the log.
 */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: FailureExtra = {},
  ) {
    const limit = Error.stackTraceLimit;
    if ((extra.status ?? errorCodes[code].status) < 500) Error.stackTraceLimit = 0;
    // super() first in its own statement (not in a try): parameter properties are assigned right after it.
    super(message);
    Error.stackTraceLimit = limit;
  }

  get status(): number {
    return this.extra.status ?? errorCodes[this.code].status;
  }

  body(): ApiError & { error?: string; error_description?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.extra.userMessage ? { userMessage: this.extra.userMessage } : {}),
      ...(this.extra.details ? { details: this.extra.details } : {}),
      ...(this.extra.oauthError ? { error: this.extra.oauthError, error_description: this.message } : {}),
    };
  }
}

export function fail(code: ErrorCode, message: string, extra?: FailureExtra): never {
  throw new ApiFailure(code, message, extra);
}

/** A VALIDATION_ERROR naming one field. */
export function invalidField(target: string, message: string): never {
  throw new ApiFailure('VALIDATION_ERROR', message, { details: [{ code: 'INVALID_VALUE', message, target }] });
}
