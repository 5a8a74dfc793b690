/**
 * A Mermaid `stateDiagram-v2` of a machine from its catalogue, for the HTML report when the
 * models' own export is not at hand. Compound states are flattened to their dotted paths.
 */
import type { MachineCatalogue } from './transitions.ts';

const idOf = (state: string): string => state.replace(/[^A-Za-z0-9_]/g, '_');

export function catalogueMermaid(catalogue: MachineCatalogue, initial: string): string {
  const lines = ['stateDiagram-v2'];
  for (const state of catalogue.states) lines.push(`  state "${state}" as ${idOf(state)}`);
  lines.push(`  [*] --> ${idOf(initial)}`);
  for (const t of catalogue.transitions) {
    for (const target of t.targets.length ? t.targets : [t.source]) {
      lines.push(`  ${idOf(t.source)} --> ${idOf(target)}: ${t.event}`);
    }
  }
  return lines.join('\n');
}
