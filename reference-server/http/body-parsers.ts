import type { FastifyInstance } from 'fastify';

/**
 * JSON for `application/json` and every `application/<vendor>+json` (the Authentication API
 * names its action in the media type: `application/vnd.pingidentity.<action>+json`). An empty
 * body reads as `{}`: model-less actions (`poll`, `continueAuthentication`) are often posted
 * without one. Bad JSON becomes MALFORMED_JSON in the error handler.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  const parse = (_request: unknown, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(error as SyntaxError, undefined);
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  app.addContentTypeParser(/^application\/[\w.+-]+\+json/i, { parseAs: 'string' }, parse);
}
