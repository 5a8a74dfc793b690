import type { Store } from './contract.ts';
import type { Collection, IndexValue, StoreRecords } from './records.ts';
import { indexedFields } from './records.ts';

interface Entry {
  /** Order of first put: `list` and `find` answer in it. */
  seq: number;
  value: unknown;
}

type Undo = () => void;

/**
 * A deep copy of a record: plain objects, arrays and primitives copied directly (records are
 * JSON-shaped; this is several times quicker than `structuredClone` on them), anything else
 * (a Date, a typed array, a Map) by `structuredClone`.
 */
function clone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = clone((value as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * In-memory store for tests and `--db :memory:`. Values are cloned in and out (one record at a
 * time); every `indexedFields` field has a map from value to ids, so `find` never scans, and a
 * transaction keeps an undo log of what it changed rather than a copy of everything.
 */
export class MemoryStore implements Store {
  readonly #collections = new Map<string, Map<string, Entry>>();
  /** collection → field → value → ids. */
  readonly #indexes = new Map<string, Map<string, Map<IndexValue, Set<string>>>>();
  #seq = 0;
  /** Open transactions' undo log (null outside a transaction). */
  #undo: Undo[] | null = null;

  #collection(name: string): Map<string, Entry> {
    let map = this.#collections.get(name);
    if (!map) {
      map = new Map();
      this.#collections.set(name, map);
    }
    return map;
  }

  #index(collection: string, field: string): Map<IndexValue, Set<string>> {
    let byField = this.#indexes.get(collection);
    if (!byField) {
      byField = new Map();
      this.#indexes.set(collection, byField);
    }
    let index = byField.get(field);
    if (!index) {
      index = new Map();
      byField.set(field, index);
    }
    return index;
  }

  #indexEntry(collection: string, id: string, value: unknown, add: boolean): void {
    if (typeof value !== 'object' || value === null) return;
    for (const field of indexedFields) {
      const key = (value as Record<string, unknown>)[field];
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      const index = this.#index(collection, field);
      let ids = index.get(key);
      if (add) {
        if (!ids) index.set(key, (ids = new Set()));
        ids.add(id);
      } else if (ids) {
        ids.delete(id);
        if (ids.size === 0) index.delete(key);
      }
    }
  }

  /** Sets or removes one entry, keeping the indexes and the undo log in step. */
  #write(collection: string, id: string, next: Entry | undefined): void {
    const map = this.#collection(collection);
    const previous = map.get(id);
    if (this.#undo) this.#undo.push(() => this.#write(collection, id, previous));
    if (previous) this.#indexEntry(collection, id, previous.value, false);
    if (next) {
      map.set(id, next);
      this.#indexEntry(collection, id, next.value, true);
    } else {
      map.delete(id);
    }
  }

  get<C extends Collection>(collection: C, id: string): StoreRecords[C] | undefined {
    const entry = this.#collection(collection).get(id);
    return entry === undefined ? undefined : (clone(entry.value) as StoreRecords[C]);
  }

  put<C extends Collection>(collection: C, id: string, value: StoreRecords[C]): void {
    const seq = this.#collection(collection).get(id)?.seq ?? ++this.#seq;
    this.#write(collection, id, { seq, value: clone(value) });
  }

  delete(collection: Collection, id: string): void {
    if (this.#collection(collection).has(id)) this.#write(collection, id, undefined);
  }

  list<C extends Collection>(collection: C): StoreRecords[C][] {
    return [...this.#collection(collection).values()].sort((a, b) => a.seq - b.seq).map((e) => clone(e.value) as StoreRecords[C]);
  }

  find<C extends Collection>(collection: C, field: string, value: IndexValue): StoreRecords[C][] {
    const ids = this.#indexes.get(collection)?.get(field)?.get(value);
    if (!ids) return [];
    const map = this.#collection(collection);
    return [...ids]
      .map((id) => map.get(id)!)
      .sort((a, b) => a.seq - b.seq)
      .map((e) => clone(e.value) as StoreRecords[C]);
  }

  purgeExpired(collection: Collection, beforeMs: number): number {
    let purged = 0;
    for (const [id, entry] of this.#collection(collection)) {
      const expiresAt = (entry.value as { expiresAt?: unknown }).expiresAt;
      if (typeof expiresAt === 'number' && expiresAt < beforeMs) {
        this.#write(collection, id, undefined);
        purged++;
      }
    }
    return purged;
  }

  transaction<T>(work: () => T): T {
    const outer = this.#undo;
    const undo: Undo[] = [];
    this.#undo = undo;
    try {
      const result = work();
      // Committed into the enclosing transaction, which may still roll it back.
      if (outer) for (const step of undo) outer.push(step);
      return result;
    } catch (error) {
      this.#undo = null;
      for (const step of undo.reverse()) step();
      throw error;
    } finally {
      this.#undo = outer;
    }
  }

  flush(): void {}

  close(): void {}
}
