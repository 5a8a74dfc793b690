/**
 * The flow machines the engine runs: `models/machines/index.ts` (the models' registry), read
 * through one function so tests can pass their own list.
 */
import type { ModelEntry } from '../paths/types.ts';

const MACHINES_INDEX = '../../models/machines/index.ts';

function isEntry(value: unknown): value is ModelEntry {
  const v = value as Partial<ModelEntry> | undefined;
  return Boolean(v && typeof v.id === 'string' && v.machine && typeof v.events === 'function');
}

/** Every exported model entry (arrays of entries and single entries both count). */
export async function loadMachines(): Promise<ModelEntry[]> {
  const module = (await import(MACHINES_INDEX)) as Record<string, unknown>;
  const found = Object.values(module).flatMap((v) => (Array.isArray(v) ? v : [v])).filter(isEntry);
  return [...new Map(found.map((e) => [e.id, e])).values()];
}
