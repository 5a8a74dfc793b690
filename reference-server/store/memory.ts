import type { Store } from './contract.ts';
import type { Collection, StoreRecords } from './records.ts';

/** In-memory store for tests and `--db :memory:`. Values are cloned in and out. */
export class MemoryStore implements Store {
  #collections = new Map<string, Map<string, unknown>>();

  #collection(name: string): Map<string, unknown> {
    let map = this.#collections.get(name);
    if (!map) {
      map = new Map();
      this.#collections.set(name, map);
    }
    return map;
  }

  get<C extends Collection>(collection: C, id: string): StoreRecords[C] | undefined {
    const value = this.#collection(collection).get(id);
    return value === undefined ? undefined : (structuredClone(value) as StoreRecords[C]);
  }

  put<C extends Collection>(collection: C, id: string, value: StoreRecords[C]): void {
    this.#collection(collection).set(id, structuredClone(value));
  }

  delete(collection: Collection, id: string): void {
    this.#collection(collection).delete(id);
  }

  list<C extends Collection>(collection: C): StoreRecords[C][] {
    return [...this.#collection(collection).values()].map((value) => structuredClone(value) as StoreRecords[C]);
  }

  transaction<T>(work: () => T): T {
    const snapshot = new Map([...this.#collections].map(([name, map]) => [name, new Map(map)]));
    try {
      return work();
    } catch (error) {
      this.#collections = snapshot;
      throw error;
    }
  }

  close(): void {}
}
