/**
 * Plugins that `build()` registers after the built-in parts, each with the shared context
 * (`context.ts`). The Creds issuer/verifier (`reference-server/creds/`) adds itself here.
 */
import type { ServerPlugin } from './context.ts';
import { credsPlugin } from './creds/plugin.ts';

export const defaultPlugins: ServerPlugin[] = [credsPlugin];
