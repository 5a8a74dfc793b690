/**
 * The API port: the PingFederate-style Authentication API (seed 004, protocol facts §2) as a
 * client calls it. `suites/drivers/shared/authn-client.ts` implements it over HTTP for every
 * driver: an adapter vendor's server is reached the same way whatever drives the apps.
 */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
}

export interface ApiPort {
  /** Starts a flow (the authorization request); answers the flow's first state. */
  start(): Promise<ApiAnswer>;
  /** Invokes an action (`checkUsernamePassword`, `authenticate`, `checkOtp`, ...) on the current flow. */
  action(name: string, body?: unknown): Promise<ApiAnswer>;
  /** Reads the current flow state. */
  poll(): Promise<ApiAnswer>;
}
