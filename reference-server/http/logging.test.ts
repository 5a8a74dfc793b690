import { describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testServer } from '../test-helpers.ts';
import type { LoggerOptions } from '../config.ts';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  code?: string;
  err?: { message: string; stack: string };
}

/** A server whose log goes to an array, with one route that fails the way a bug does. */
function loggedServer(level: LoggerOptions['level'] = 'info'): { app: FastifyInstance; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = { write: (line: string) => lines.push(JSON.parse(line) as LogLine) };
  const { app } = testServer({
    logger: { level, stream },
    plugins: [
      (scope) => {
        scope.get('/test-only/boom', async () => {
          throw new TypeError('the store handed back undefined');
        });
      },
    ],
  });
  return { app, lines };
}

describe('logging and request ids', () => {
  test('a forced 5xx is logged at error level with its stack and the request id the client sent', async () => {
    const { app, lines } = loggedServer('error');
    const res = await app.inject({ url: '/test-only/boom', headers: { 'x-request-id': 'client-trace-42' } });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('INTERNAL_ERROR');
    expect(res.headers['x-request-id']).toBe('client-trace-42');
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ reqId: 'client-trace-42', code: 'INTERNAL_ERROR', err: { message: 'the store handed back undefined' } });
    expect(errors[0]!.err!.stack).toMatch(/TypeError: the store handed back undefined\n\s+at /);
  });

  test('every answer carries x-request-id; an insane client id is replaced by the server\'s own', async () => {
    const { app, lines } = loggedServer('info');
    const ok = await app.inject({ url: '/.well-known/openid-configuration' });
    const notFound = await app.inject({ url: '/nowhere' });
    const refused = await app.inject({ method: 'POST', url: '/device/v1/pairing-keys/claim', payload: {}, headers: { 'x-request-id': 'has spaces and\ttabs' } });
    expect(ok.headers['x-request-id']).toMatch(/^req-[0-9a-z]+$/);
    expect(notFound.headers['x-request-id']).toMatch(/^req-[0-9a-z]+$/);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['x-request-id']).toMatch(/^req-[0-9a-z]+$/);
    const ids = [ok, notFound, refused].map((r) => r.headers['x-request-id']);
    expect(new Set(ids).size).toBe(3);
    // Each request's log lines carry its id; no 4xx is logged as an error.
    for (const id of ids) expect(lines.some((l) => l.reqId === id)).toBe(true);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  test('quiet by default: no logger unless asked for', () => {
    const { app } = testServer();
    expect(app.authconf.config.logger).toBe(false);
  });
});
