/**
 * Every answer carries `x-request-id`, and every log line of the request carries the same id
 * (`reqId`), so an operator can find the log of a failure a client reports. A client's own id
 * is echoed when it is sane (short, printable, no spaces); otherwise the server numbers the
 * request itself (`req-1`, `req-2`, ...: deterministic, no clock or randomness needed).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a client may send as its request id: what log search tools and headers carry without escaping. */
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** A `genReqId` for Fastify's options: the client's sane id, else the next number of this instance. */
export function requestIdGenerator(): (request: IncomingMessage) => string {
  let next = 0;
  return (request) => {
    const sent = request.headers[REQUEST_ID_HEADER];
    if (typeof sent === 'string' && SANE_ID.test(sent)) return sent;
    return `req-${(++next).toString(36)}`;
  };
}

export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done(null, payload);
  });
}
