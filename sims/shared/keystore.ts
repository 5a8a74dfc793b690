/**
 * Where an app keeps its secrets (device tokens, OTP seeds, wallet tokens, the PIN hash, the
 * PIN lockout): a three-method contract in the manner of an OS keychain. Values are strings;
 * callers store JSON. A relaunch of the app keeps its keystore; a reinstall gets a fresh one
 * (which is how Creds are lost on reinstall, seed 003 last section).
 */
export interface Keystore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export function memoryKeystore(initial: Record<string, string> = {}): Keystore & { keys(): string[] } {
  const store = new Map(Object.entries(initial));
  return {
    get: (key) => store.get(key),
    set: (key, value) => void store.set(key, value),
    delete: (key) => void store.delete(key),
    keys: () => [...store.keys()].sort(),
  };
}

export function readJson<T>(keystore: Keystore, key: string, fallback: T): T {
  const text = keystore.get(key);
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function writeJson(keystore: Keystore, key: string, value: unknown): void {
  keystore.set(key, JSON.stringify(value));
}
