/**
 * The API port: the PingFederate-style Authentication API (seed 004, protocol facts §2) as a
 * client calls it: start a redirectless flow, POST an action to its `_links` href, GET the flow.
 * `AuthnClient` (suites/drivers/shared/authn-client.ts) is the implementation for every driver:
 * an adapter vendor's server is reached over HTTP whatever drives the apps. Each exchange is kept
 * as evidence text (`exchanges`).
 */
import type { AuthnClient } from '../drivers/shared/authn-client.ts';

export type ApiPort = Pick<AuthnClient, 'start' | 'action' | 'actionRequest' | 'get' | 'exchanges'>;
