/**
 * The store contract: seven methods over named collections of JSON records (after
 * `@fastify/rate-limit`'s store/). `MemoryStore` serves tests; `SqliteStore` is the default of
 * `authconf serve`, so users, devices, pairing keys, OTP replay records, signing keys and
 * everything else survive a restart. Records go in and come out as copies: mutating a value you
 * read changes nothing until you `put` it back.
 *
 * Cost: `get`, `put`, `delete` and `find` touch only the records named (by id, or through the
 * index of an `indexedFields` field); `list` reads a whole collection and is for small ones
 * (signing keys) and test control. Request paths use `find`.
 */
import type { Collection, IndexedFieldOf, IndexValue, StoreRecords } from './records.ts';

export interface Store {
  get<C extends Collection>(collection: C, id: string): StoreRecords[C] | undefined;
  put<C extends Collection>(collection: C, id: string, value: StoreRecords[C]): void;
  delete(collection: Collection, id: string): void;
  /** Every record of the collection, in the order first put. Whole-collection: keep off request paths. */
  list<C extends Collection>(collection: C): StoreRecords[C][];
  /** The records whose indexed `field` equals `value`, in the order first put (an index lookup). */
  find<C extends Collection>(collection: C, field: IndexedFieldOf<C>, value: IndexValue): StoreRecords[C][];
  /** Deletes every record of `collection` whose numeric `expiresAt` is before `beforeMs`; returns how many. */
  purgeExpired(collection: Collection, beforeMs: number): number;
  /**
   * Runs `work` atomically: on a throw, nothing it put or deleted remains. In `SqliteStore` the
   * work also excludes every other process on the same file (see sqlite.ts).
   */
  transaction<T>(work: () => T): T;
  /**
   * Makes what was written so far durable now rather than at the end of the event-loop pass
   * (`SqliteStore`; nothing to do in `MemoryStore`). The server calls it before an answer leaves,
   * so an acknowledged write survives a crash.
   */
  flush(): void;
  close(): void;
}

export class StoreError extends Error {
  override name = 'StoreError';
  readonly code = 'DB_UNUSABLE';
}
