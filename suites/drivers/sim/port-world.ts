/**
 * A `World` of ports on the embedded target, in-process: the sims behind the app port, the portal
 * over HTTP, the Authentication API client, test control. What the engine will hand the executors
 * and checks once they move to the port (issue 10's next step); built here from parts that exist.
 */
import { AuthnClient } from '../shared/authn-client.ts';
import type { AppName, AppPort } from '../../port/app-port.ts';
import type { World } from '../../port/world.ts';
import { SimDesktopPort, SimMobilePort, type SimAppOptions } from './app-port.ts';
import { TestControl } from './control.ts';
import { HttpPortalPort } from './portal-port.ts';

export interface SimWorldOptions extends SimAppOptions {
  user: { username: string; password: string };
}

export function simPortWorld<Notes extends object>(options: SimWorldOptions): World<Notes> {
  const apps = { mobile: new SimMobilePort(options), desktop: new SimDesktopPort(options) };
  const portal = new HttpPortalPort(options.server);
  return {
    driver: 'sim',
    app: <A extends AppName>(name: A) => apps[name] as unknown as AppPort<A>,
    portal,
    api: new AuthnClient(options.server),
    control: new TestControl(options.server),
    notes: {},
    user: options.user,
    async close() {
      await Promise.all([apps.mobile.close(), apps.desktop.close(), portal.close()]);
    },
  };
}
