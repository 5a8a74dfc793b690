import Database from 'better-sqlite3';
import type { Store } from './contract.ts';
import { StoreError } from './contract.ts';
import type { Collection, StoreRecords } from './records.ts';

const SCHEMA_VERSION = '1';

/**
 * The default store of `authconf serve`: one SQLite file, one table of JSON records keyed by
 * (collection, id), plus a marker row that says the file is an authconf database.
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, string], { value: string }>;
  readonly #put: Database.Statement<[string, string, string]>;
  readonly #delete: Database.Statement<[string, string]>;
  readonly #list: Database.Statement<[string], { value: string }>;

  constructor(file: string) {
    try {
      this.#db = new Database(file);
      this.#db.pragma('journal_mode = WAL');
      const tables = this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      const names = new Set(tables.map((t) => t.name));
      if (names.size > 0 && !names.has('authconf_meta')) {
        throw new StoreError(`${file} is a SQLite database but not an authconf one`);
      }
      this.#db.exec(`
        CREATE TABLE IF NOT EXISTS authconf_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS records (
          collection TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (collection, id));
      `);
      const version = this.#db.prepare("SELECT value FROM authconf_meta WHERE key = 'schema'").get() as { value: string } | undefined;
      if (!version) this.#db.prepare("INSERT INTO authconf_meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
      else if (version.value !== SCHEMA_VERSION) throw new StoreError(`${file} has authconf schema ${version.value}, expected ${SCHEMA_VERSION}`);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`cannot open ${file}: ${(error as Error).message}`);
    }
    this.#get = this.#db.prepare('SELECT value FROM records WHERE collection = ? AND id = ?');
    this.#put = this.#db.prepare(
      'INSERT INTO records (collection, id, value) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value',
    );
    this.#delete = this.#db.prepare('DELETE FROM records WHERE collection = ? AND id = ?');
    this.#list = this.#db.prepare('SELECT value FROM records WHERE collection = ? ORDER BY rowid');
  }

  get<C extends Collection>(collection: C, id: string): StoreRecords[C] | undefined {
    const row = this.#get.get(collection, id);
    return row ? (JSON.parse(row.value) as StoreRecords[C]) : undefined;
  }

  put<C extends Collection>(collection: C, id: string, value: StoreRecords[C]): void {
    this.#put.run(collection, id, JSON.stringify(value));
  }

  delete(collection: Collection, id: string): void {
    this.#delete.run(collection, id);
  }

  list<C extends Collection>(collection: C): StoreRecords[C][] {
    return this.#list.all(collection).map((row) => JSON.parse(row.value) as StoreRecords[C]);
  }

  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
