import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from './errors.ts';
import type { ErrorDetail } from './errors.ts';

/** Renders a failure as an HTML page for browser routes (the portal); JSON everywhere else. */
export type HtmlFailureRenderer = (failure: ApiFailure, request: FastifyRequest) => string | undefined;

/** Maps Fastify's own failures (parsing, limits, validation) to registry codes. */
export function toFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const e = error as Partial<FastifyError> & { validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[] };
  if (e.validation) {
    const details: ErrorDetail[] = e.validation.map((v) => {
      const missing = typeof v.params?.missingProperty === 'string' ? `/${v.params.missingProperty}` : '';
      const target = `${e.validationContext ?? 'body'}${v.instancePath ?? ''}${missing}`.replace(/\//g, '.');
      const message = missing ? `${target} is required` : `${target} ${v.message ?? 'is invalid'}`;
      return { code: 'INVALID_VALUE', message, target };
    });
    return new ApiFailure('VALIDATION_ERROR', 'The request failed validation.', { details });
  }
  if (error instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ApiFailure('MALFORMED_JSON', 'The body is not valid JSON.');
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiFailure('UNSUPPORTED_MEDIA_TYPE', 'This endpoint does not accept that Content-Type.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiFailure('PAYLOAD_TOO_LARGE', 'The body is larger than the limit.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiFailure('MALFORMED_JSON', 'The body is empty.');
  }
  const status = e.statusCode ?? 500;
  if (status === 413) return new ApiFailure('PAYLOAD_TOO_LARGE', 'The body is larger than the limit.');
  if (status === 415) return new ApiFailure('UNSUPPORTED_MEDIA_TYPE', 'This endpoint does not accept that Content-Type.');
  if (status === 404) return new ApiFailure('NOT_FOUND', 'No such route.');
  if (status >= 400 && status < 500) return new ApiFailure('VALIDATION_ERROR', e.message ?? 'Bad request.', { status });
  return new ApiFailure('INTERNAL_ERROR', 'The server failed; this is a bug.');
}

export function registerErrorHandling(app: FastifyInstance, renderHtml: HtmlFailureRenderer): void {
  const send = (failure: ApiFailure, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const html = renderHtml(failure, request);
    if (html !== undefined) return reply.status(failure.status).type('text/html; charset=utf-8').send(html);
    return reply.status(failure.status).type('application/json; charset=utf-8').send(failure.body());
  };
  app.setErrorHandler((error, request, reply) => {
    const failure = toFailure(error);
    // Every 5xx is logged with its stack (docs/errors.md); the line carries the request id (reqId).
    if (failure.status >= 500) request.log.error({ err: error, code: failure.code }, 'server error');
    else request.log.info({ code: failure.code, requirements: failure.extra.requirements }, failure.message);
    return send(failure, request, reply);
  });
  // Route patterns by method, to tell "no such route" (404) from "not with this method" (405).
  const patterns: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const source = route.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+').replace(/\*/g, '.*');
    for (const method of methods) patterns.push({ method, pattern: new RegExp(`^${source}$`) });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = [...new Set(patterns.filter((p) => p.pattern.test(path)).map((p) => p.method))];
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      return send(new ApiFailure('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`), request, reply);
    }
    return send(new ApiFailure('NOT_FOUND', `No route ${request.method} ${path}.`), request, reply);
  });
}
