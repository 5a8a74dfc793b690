/**
 * One path's world, as the executors and checks will see it once they move to the port (the next
 * step of issue 10; issue 11 reuses it): ports for each role, and typed notes that carry values
 * between steps (what one step read on a screen and a later step types or compares).
 *
 * Notes replace the free-form `memo` map: a flow declares its notes' type once, so a typo in a
 * key, or a value of the wrong kind, fails to compile.
 */
import type { ApiPort } from './api-port.ts';
import type { AppName, AppPort } from './app-port.ts';
import type { ControlPort } from './control-port.ts';
import type { PortalPort } from './portal-port.ts';

export interface World<Notes extends object = Record<string, never>> {
  /** The driver that built this world ('sim', 'puppeteer', 'detox'). */
  readonly driver: string;
  app<A extends AppName>(name: A): AppPort<A>;
  readonly portal: PortalPort;
  readonly api: ApiPort;
  readonly control: ControlPort;
  readonly notes: Partial<Notes>;
  /** The path's user (fresh per path). */
  readonly user: { username: string; password: string };
  close(): Promise<void>;
}

/** Typed notes: start empty, each key set by the step that observed it. */
export function notes<Notes extends object>(): Partial<Notes> {
  return {};
}
