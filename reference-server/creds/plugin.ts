/**
 * The Creds issuer and verifier (seed 003, issue 3 item 4) as a server plugin: wallet routes on
 * the device API, pages for people, test control for plans. `createCredsPlugin(options)`
 * resolves its options once (`issuers.ts`); `credsPlugin` is the default the server registers.
 */
import type { ServerPlugin } from '../context.ts';
import { registerCredsDeviceRoutes } from './device-routes.ts';
import { resolveCredsConfig, type CredsOptions } from './issuers.ts';
import { withCredsPaths } from './openapi.ts';
import { registerCredsPages } from './pages.ts';
import type { CredsScope } from './scope.ts';
import { registerCredsTestControl } from './test-control-routes.ts';
import './records.ts';

export function createCredsPlugin(options: CredsOptions = {}): ServerPlugin {
  const config = resolveCredsConfig(options);
  return (app, context) => {
    const scope: CredsScope = { context, config };
    registerCredsDeviceRoutes(app, scope);
    registerCredsPages(app, scope);
    registerCredsTestControl(app, scope);
    // The device API document is built in device-api/openapi.ts; the Creds paths join it here.
    app.addHook('preSerialization', (request, _reply, payload, done) => {
      done(null, request.routeOptions.url === '/device/v1/openapi.json' ? withCredsPaths(payload) : payload);
    });
  };
}

export const credsPlugin: ServerPlugin = createCredsPlugin();
