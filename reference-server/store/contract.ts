/**
 * The store contract: five methods over named collections of JSON records (after
 * `@fastify/rate-limit`'s store/). `MemoryStore` serves tests; `SqliteStore` is the default of
 * `authconf serve`, so users, devices, pairing keys, OTP replay records and everything else
 * survive a restart. Records go in and come out as copies: mutating a value you read changes
 * nothing until you `put` it back.
 */
import type { Collection, StoreRecords } from './records.ts';

export interface Store {
  get<C extends Collection>(collection: C, id: string): StoreRecords[C] | undefined;
  put<C extends Collection>(collection: C, id: string, value: StoreRecords[C]): void;
  delete(collection: Collection, id: string): void;
  /** Every record of the collection, in the order first put. */
  list<C extends Collection>(collection: C): StoreRecords[C][];
  /** Runs `work` atomically: on a throw, nothing it put or deleted remains. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export class StoreError extends Error {
  override name = 'StoreError';
  readonly code = 'DB_UNUSABLE';
}
