/**
 * The reference server: `build(options)` returns the Fastify instance with every part
 * registered; `listen.ts` puts it on a real port. Options are resolved once (`config.ts`).
 *
 * Parts: device API (`device-api/`), Authentication API (`authn/`), OIDC (`oidc/`), portal
 * (`portal/`), test control (`test-control/`), and plugins (`plugins.ts`, e.g. Creds).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import AjvCompiler from '@fastify/ajv-compiler';
import type { ServerOptions } from './config.ts';
import { resolveConfig } from './config.ts';
import { createContext, type ServerPlugin } from './context.ts';
import { storedSigningKeys } from './oidc/keys.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './http/error-handler.ts';
import { registerBodyParsers } from './http/body-parsers.ts';
import { registerRequestId, requestIdGenerator } from './http/request-id.ts';
import { seedDemoUsers } from './domain/users.ts';
import { purgeWhenDue } from './domain/purge.ts';
import { registerDeviceApi } from './device-api/routes.ts';
import { registerTestControl } from './test-control/routes.ts';
import { registerAuthnApi } from './authn/routes.ts';
import { registerOidc } from './oidc/routes.ts';
import { registerPortal, renderPortalFailure } from './portal/routes.ts';
import { defaultPlugins } from './plugins.ts';

export interface BuildOptions extends ServerOptions {
  /** Extra plugins, registered after `defaultPlugins`. */
  plugins?: ServerPlugin[];
}

/**
 * One validator pool for every app in the process: Ajv caches compiled schemas by identity, so
 * the tests' hundreds of `build()` calls compile each route schema once (ready() ~10x faster).
 */
const sharedValidatorPool = AjvCompiler();

export function build(options: BuildOptions = {}): FastifyInstance {
  const config = resolveConfig(options);
  const keys = storedSigningKeys({
    store: config.store,
    rng: config.rng,
    nowMs: () => config.clock.now(),
    rotateAfterSeconds: config.signingKeyRotationSeconds,
    publishRetiredSeconds: config.signingKeyRetiredSeconds,
  });
  const context = createContext(config, keys);
  const app = Fastify({
    // JSON lines (pino) with the request id on each; off unless asked for (config.ts).
    logger: config.logger,
    genReqId: requestIdGenerator(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    // Close open event streams and long polls too, so `authconf serve` stops at once on Ctrl-C.
    forceCloseConnections: true,
    // Router and Node refusals carry registry codes too (issue 9).
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { allErrors: true, removeAdditional: false } },
    schemaController: { compilersFactory: { buildValidator: sharedValidatorPool } },
  });
  app.decorate('authconf', context);
  registerRequestId(app);
  registerErrorHandling(app, renderPortalFailure);
  registerBodyParsers(app);
  void app.register(cookie);
  void app.register(formbody, { bodyLimit: config.bodyLimit });
  seedDemoUsers(context);
  const purge = purgeWhenDue(context);
  // Hooks that do not wait take Fastify's callback form: no promise and no extra turn per request.
  app.addHook('onRequest', (_request, _reply, done) => {
    purge();
    done();
  });
  // What a request wrote is committed before its answer leaves (the store otherwise commits once per event-loop pass).
  app.addHook('onSend', (_request, _reply, payload, done) => {
    config.store.flush();
    done(null, payload);
  });
  void app.register(async (scope) => {
    registerDeviceApi(scope, context);
    registerAuthnApi(scope, context);
    registerOidc(scope, context);
    registerPortal(scope, context);
    registerTestControl(scope, context);
    for (const plugin of [...defaultPlugins, ...(options.plugins ?? [])]) await plugin(scope, context);
  });
  // A store the caller passed is the caller's to close; one made here closes with the app.
  if (!options.store) app.addHook('onClose', async () => config.store.close());
  return app;
}
