/**
 * Expired records are purged, so that the store holds what is live plus a short tail: without
 * it every flow, push, key and code ever made would stay forever. The purge runs on a request
 * once `purgeIntervalSeconds` have passed on the injected clock (no timer: a test moves the
 * ManualClock and the next request purges), and removes what expired more than
 * `purgeAfterSeconds` ago, through the store's `expiresAt` index.
 */
import type { ServerContext } from '../context.ts';
import type { Collection } from '../store/records.ts';

/** The collections whose records carry `expiresAt` (null: never expires, e.g. device tokens and the signing key in use). */
export const expiringCollections = ['flows', 'authCodes', 'pairingKeys', 'tokens', 'pushes', 'sessions', 'signingKeys'] as const satisfies readonly Collection[];

export type PurgeCounts = Record<(typeof expiringCollections)[number], number>;

/** Purges now; returns how many records of each collection went. */
export function purgeExpired(context: ServerContext): PurgeCounts {
  const before = context.nowMs() - context.config.purgeAfterSeconds * 1000;
  return context.store.transaction(
    () => Object.fromEntries(expiringCollections.map((c) => [c, context.store.purgeExpired(c, before)])) as PurgeCounts,
  );
}

/** A function to call on every request: purges when the interval has passed since the last purge. */
export function purgeWhenDue(context: ServerContext): () => void {
  let last = context.nowMs();
  return () => {
    const now = context.nowMs();
    if (now - last < context.config.purgeIntervalSeconds * 1000) return;
    last = now;
    purgeExpired(context);
  };
}
