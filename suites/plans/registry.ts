/**
 * The flow machines the engine runs: the models' registry (`models/machines/index.ts`), read
 * through one function so tests can pass their own list instead.
 */
import { flowMachines } from '../../models/machines/index.ts';
import type { ModelEntry } from '../paths/types.ts';

export async function loadMachines(): Promise<ModelEntry[]> {
  return flowMachines.map((entry) => ({ id: entry.id, title: entry.title, seed: entry.seed, machine: entry.machine, events: entry.events, ...(entry.scenarios ? { scenarios: entry.scenarios } : {}) }));
}
