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

/**
 * Fastify's router failures before any route runs (`frameworkErrors`): a URL that does not decode
 * (FST_ERR_BAD_URL) or a path parameter over `maxParamLength` (FST_ERR_MAX_PARAM_LENGTH) get a
 * registry code like every other refusal, never Fastify's own code (issue 9).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const failure = new ApiFailure('CLIENT_ERROR', tooLong ? 'A path segment is longer than this server accepts.' : 'The URL cannot be decoded.', { status: tooLong ? 414 : 400 });
  void reply.status(failure.status).type('application/json; charset=utf-8').send(failure.body());
}

const reasons: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * Node's own refusals (`clientError`: a malformed request line, headers over the limit, a
 * timeout) answered with a JSON body and a registry code, as any other 4xx (issue 9).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: import('node:stream').Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = status === 431 ? 'The request headers are larger than this server accepts.' : status === 408 ? 'The request took too long to arrive.' : 'The HTTP request cannot be read.';
  const body = JSON.stringify(new ApiFailure('CLIENT_ERROR', message, { status }).body());
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reasons[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
