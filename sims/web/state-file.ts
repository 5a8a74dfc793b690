/**
 * Where the web builds keep each app's keystore between runs of `authconf sims serve`.
 *
 * Why a file (issue 10): the reference server keeps its devices in SQLite (`authconf serve`
 * writes `authconf.sqlite` by default). When the apps forgot their pairings on every restart,
 * the server still pushed each sign-on to a phone that no longer existed, and the person waited
 * on "Check your phone" with nothing to approve. A real phone keeps its pairing when the app is
 * restarted; so do the web builds now. Starting clean is a choice, and says so: delete the file
 * (or `--state :memory:`) AND the server's store, or reinstall one app from its page.
 *
 * The file is JSON: `{ "mobile": { key: value }, "desktop": { key: value } }`, written whole on
 * every change (a handful of small keys; one writer, the sims server).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { memoryKeystore, type Keystore } from '../shared/keystore.ts';

export type AppName = 'mobile' | 'desktop';

export interface SimsState {
  /** The app's keystore as it is now (a fresh, empty one after `reinstall`). */
  keystore(app: AppName): Keystore;
  /** Forget one app's keystore (a reinstall): its pairings are gone, on this side only. */
  reinstall(app: AppName): Keystore;
  /** The file, or undefined in memory. */
  readonly file: string | undefined;
}

type Saved = Partial<Record<AppName, Record<string, string>>>;

function load(file: string): Saved {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file} is not an authconf sims state file`);
  return parsed as Saved;
}

/** `file` undefined: in memory (tests, `--state :memory:`). */
export function simsState(file: string | undefined): SimsState {
  const saved: Saved = file ? load(file) : {};
  const stores = new Map<AppName, Keystore & { keys(): string[] }>();
  const save = (): void => {
    if (!file) return;
    const out: Saved = {};
    for (const [app, store] of stores) out[app] = Object.fromEntries(store.keys().map((k) => [k, store.get(k)!]));
    writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
    renameSync(`${file}.tmp`, file); // a crash mid-write never leaves half a file
  };
  const open = (app: AppName, initial: Record<string, string>): Keystore => {
    const inner = memoryKeystore(initial);
    stores.set(app, inner);
    return {
      get: (key) => inner.get(key),
      set: (key, value) => {
        inner.set(key, value);
        save();
      },
      delete: (key) => {
        inner.delete(key);
        save();
      },
    };
  };
  const current = new Map<AppName, Keystore>([
    ['mobile', open('mobile', saved.mobile ?? {})],
    ['desktop', open('desktop', saved.desktop ?? {})],
  ]);
  return {
    file,
    keystore: (app) => current.get(app)!,
    reinstall(app) {
      const fresh = open(app, {});
      current.set(app, fresh);
      save();
      return fresh;
    },
  };
}
