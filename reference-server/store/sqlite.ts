import Database from 'better-sqlite3';
import type { Store } from './contract.ts';
import { StoreError } from './contract.ts';
import type { Collection, IndexValue, StoreRecords } from './records.ts';
import { indexedFields } from './records.ts';

const SCHEMA_VERSION = '1';

export interface SqliteStoreOptions {
  /** How long one process waits for another's write lock before it retries, ms. */
  busyTimeoutMs?: number;
  /** How many busy timeouts in a row before an operation fails (SQLITE_BUSY). */
  busyRetries?: number;
}

/** The fields with an expression index: the lookup fields, and `expiresAt` for the purge. */
const expressionIndexes = [...indexedFields, 'expiresAt'] as const;

/**
 * The default store of `authconf serve`: one SQLite file, one table of JSON records keyed by
 * (collection, id), an expression index on each lookup field, plus a marker row that says the
 * file is an authconf database.
 *
 * Several processes may serve from one file. SQLite runs in WAL mode with a busy timeout, and
 * the store's work in one pass of the event loop is one `BEGIN IMMEDIATE` transaction, begun by
 * the first read or write and committed in the loop's check phase (`setImmediate`). A route's
 * read-check-write (is this OTP step newer than the last one? is this key still unclaimed? is
 * this code unused?) runs without an `await` in between, so it is as atomic across processes as
 * it is within one: the second server waits for the lock and then reads what the first wrote.
 * Explicit `transaction()` calls nest inside as savepoints. The server calls `flush()` before
 * an answer leaves (an onSend hook): a pass that wrote commits then, so what a client was told
 * is written is committed; a read-only pass stays open until setImmediate and serves a burst.
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, string], { value: string }>;
  readonly #put: Database.Statement<[string, string, string]>;
  readonly #delete: Database.Statement<[string, string]>;
  readonly #list: Database.Statement<[string], { value: string }>;
  readonly #find: Map<string, Database.Statement<[string, IndexValue], { value: string }>>;
  readonly #purge: Database.Statement<[string, number]>;
  readonly #begin: Database.Statement<[]>;
  readonly #commit: Database.Statement<[]>;
  readonly #busyRetries: number;
  /** A pass transaction is open (committed by the setImmediate queued when it began). */
  #inTurn = false;
  /** The open pass has written: `flush()` commits only then (a read-only pass waits for setImmediate and serves many requests). */
  #dirty = false;
  /** Depth of explicit `transaction()` calls running now. */
  #inExplicit = 0;
  /**
   * Rows read in this pass, by query: while the pass holds the write lock nobody else can change
   * them, and any write here clears it. A flow GET reads the same user and devices twice.
   */
  readonly #cache = new Map<string, string[]>();

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.#busyRetries = options.busyRetries ?? 6;
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a commit survives a killed process (the OS has it); only power loss can cost the last commits.
      db.pragma('synchronous = NORMAL');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      const names = new Set(tables.map((t) => t.name));
      if (names.size > 0 && !names.has('authconf_meta')) {
        throw new StoreError(`${file} is a SQLite database but not an authconf one`);
      }
      db.exec('BEGIN IMMEDIATE');
      db.exec(`
        CREATE TABLE IF NOT EXISTS authconf_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS records (
          collection TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (collection, id));
      `);
      const version = db.prepare("SELECT value FROM authconf_meta WHERE key = 'schema'").get() as { value: string } | undefined;
      if (version && version.value !== SCHEMA_VERSION) throw new StoreError(`${file} has authconf schema ${version.value}, expected ${SCHEMA_VERSION}`);
      if (!version) db.prepare("INSERT INTO authconf_meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
      // Files from before the indexes get them here (same schema: the records are unchanged). Partial:
      // a record without the field costs no index entry (a flow has a userId, no deviceId or walletId).
      for (const f of expressionIndexes) {
        const field = `json_extract(value, '$.${f}')`;
        db.exec(`CREATE INDEX IF NOT EXISTS records_by_${f} ON records (collection, ${field}) WHERE ${field} IS NOT NULL`);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db?.open) db.close();
      if (error instanceof StoreError) throw error;
      throw new StoreError(`cannot open ${file}: ${(error as Error).message}`);
    }
    this.#db = db;
    this.#get = this.#db.prepare('SELECT value FROM records WHERE collection = ? AND id = ?');
    this.#put = this.#db.prepare(
      'INSERT INTO records (collection, id, value) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value',
    );
    this.#delete = this.#db.prepare('DELETE FROM records WHERE collection = ? AND id = ?');
    this.#list = this.#db.prepare('SELECT value FROM records WHERE collection = ? ORDER BY rowid');
    this.#find = new Map(
      indexedFields.map((f) => [f, this.#db.prepare(`SELECT value FROM records WHERE collection = ? AND json_extract(value, '$.${f}') = ? ORDER BY rowid`)]),
    );
    this.#purge = this.#db.prepare("DELETE FROM records WHERE collection = ? AND json_extract(value, '$.expiresAt') < ?");
    this.#begin = this.#db.prepare('BEGIN IMMEDIATE');
    this.#commit = this.#db.prepare('COMMIT');
  }

  /** Opens this turn's transaction, waiting for another process's write lock if need be. */
  #enter(): void {
    if (this.#inTurn) return;
    if (!this.#db.open) throw new StoreError('the store is closed');
    for (let attempt = 1; ; attempt++) {
      try {
        this.#begin.run();
        break;
      } catch (error) {
        if (!/^SQLITE_BUSY/.test((error as { code?: string }).code ?? '') || attempt >= this.#busyRetries) throw error;
      }
    }
    this.#inTurn = true;
    this.#dirty = false;
    setImmediate(this.#endTurn);
  }

  #rows(key: string, read: () => string[]): string[] {
    let rows = this.#cache.get(key);
    if (!rows) {
      rows = read();
      this.#cache.set(key, rows);
    }
    return rows;
  }

  readonly #endTurn = (): void => {
    if (!this.#inTurn) return; // flushed already; a later pass queued its own
    this.#inTurn = false;
    this.#cache.clear();
    if (!this.#db.open || !this.#db.inTransaction) return;
    try {
      this.#commit.run();
    } catch (error) {
      // Holding the write lock, a WAL commit fails only on I/O errors (disk full): say so, keep serving.
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      process.emitWarning(`authconf store: a commit failed and was rolled back: ${(error as Error).message}`, 'StoreWarning');
    }
  };

  get<C extends Collection>(collection: C, id: string): StoreRecords[C] | undefined {
    this.#enter();
    const [row] = this.#rows(`g\0${collection}\0${id}`, () => {
      const found = this.#get.get(collection, id);
      return found ? [found.value] : [];
    });
    return row === undefined ? undefined : (JSON.parse(row) as StoreRecords[C]);
  }

  put<C extends Collection>(collection: C, id: string, value: StoreRecords[C]): void {
    this.#enter();
    this.#cache.clear();
    this.#dirty = true;
    this.#put.run(collection, id, JSON.stringify(value));
  }

  delete(collection: Collection, id: string): void {
    this.#enter();
    this.#cache.clear();
    this.#dirty = true;
    this.#delete.run(collection, id);
  }

  list<C extends Collection>(collection: C): StoreRecords[C][] {
    this.#enter();
    return this.#list.all(collection).map((row) => JSON.parse(row.value) as StoreRecords[C]);
  }

  find<C extends Collection>(collection: C, field: string, value: IndexValue): StoreRecords[C][] {
    const statement = this.#find.get(field);
    if (!statement) throw new StoreError(`'${field}' is not an indexed field`);
    this.#enter();
    return this.#rows(`f\0${collection}\0${field}\0${typeof value}:${value}`, () => statement.all(collection, value).map((row) => row.value)).map(
      (row) => JSON.parse(row) as StoreRecords[C],
    );
  }

  purgeExpired(collection: Collection, beforeMs: number): number {
    this.#enter();
    this.#cache.clear();
    this.#dirty = true;
    return this.#purge.run(collection, beforeMs).changes;
  }

  transaction<T>(work: () => T): T {
    this.#enter();
    // Inside the pass's transaction better-sqlite3 uses a savepoint: a throw undoes only `work`.
    this.#inExplicit++;
    try {
      return this.#db.transaction(work)();
    } catch (error) {
      this.#cache.clear(); // rows read inside the rolled-back work may be gone
      throw error;
    } finally {
      this.#inExplicit--;
    }
  }

  flush(): void {
    // Inside an explicit transaction (a savepoint) the outer work is not finished: leave it to the pass.
    if (this.#inTurn && this.#dirty && this.#db.open && this.#db.inTransaction && !this.#inExplicit) {
      this.#commit.run();
      this.#inTurn = false;
      this.#cache.clear();
    }
  }

  close(): void {
    if (!this.#db.open) return;
    if (this.#db.inTransaction) this.#commit.run();
    this.#inTurn = false;
    this.#cache.clear();
    this.#db.close();
  }
}
