/**
 * A flow as a Mermaid `stateDiagram-v2`, from its `FlowJson` (models/graph/describe.ts). Pure
 * text in, text out, so the README block regenerates byte for byte and the reports can colour
 * states: pass `classDefs` (name -> Mermaid style) and `stateClass` (state -> class name).
 *
 * Mermaid state ids cannot contain dots, so a nested state `pushWaiting.approved` becomes
 * `pushWaiting_approved`, labelled `approved` inside its composite state. Transitions that
 * every state has (source `*`, like GET or an action outside `_links`) are listed in a note.
 */
import type { FlowJson, FlowStateJson } from './describe.ts';

export interface MermaidOptions {
  /** Mermaid `classDef` lines: class name -> style (`fill:#cfc,stroke:#393`). */
  classDefs?: Record<string, string>;
  /** The class of a state (for example by its requirements' pass/fail), or undefined. */
  stateClass?: (state: FlowStateJson) => string | undefined;
  /** Diagram direction; Mermaid's default (top to bottom) when omitted. */
  direction?: 'LR' | 'TB';
}

/** The Mermaid id of a state id. */
export function mermaidId(stateId: string): string {
  return stateId.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Mermaid labels must not carry characters it parses (`:`, `;`, `#`, `{`, `}`). */
function label(text: string): string {
  return text.replace(/[:;#{}]/g, ' ').trim();
}

export function toMermaid(flow: FlowJson, options: MermaidOptions = {}): string {
  const lines: string[] = ['stateDiagram-v2'];
  if (options.direction) lines.push(`  direction ${options.direction}`);
  const children = (parent: string | undefined) => flow.states.filter((s) => s.parent === parent);

  const emitStates = (parent: string | undefined, indent: string): void => {
    const here = children(parent);
    const initial = here.find((s) => s.initial);
    if (initial) lines.push(`${indent}[*] --> ${mermaidId(initial.id)}`);
    for (const state of here) {
      const id = mermaidId(state.id);
      const name = state.id.split('.').at(-1) ?? state.id;
      const nested = children(state.id);
      if (nested.length > 0) {
        lines.push(`${indent}state "${label(name)}" as ${id} {`);
        emitStates(state.id, `${indent}  `);
        lines.push(`${indent}}`);
      } else if (name !== id) {
        lines.push(`${indent}state "${label(name)}" as ${id}`);
      }
      if (state.final) lines.push(`${indent}${id} --> [*]`);
    }
  };
  emitStates(undefined, '  ');

  const everywhere = flow.transitions.filter((t) => t.source === '*');
  for (const t of flow.transitions) {
    if (t.source === '*') continue;
    const text = label(t.guard === undefined ? t.event : `${t.event} [${t.guard}]`);
    lines.push(`  ${mermaidId(t.source)} --> ${mermaidId(t.target)}: ${text}`);
  }
  const first = flow.states.find((s) => s.initial && s.parent === undefined);
  if (everywhere.length > 0 && first) {
    const events = [...new Set(everywhere.map((t) => t.event))].join(', ');
    lines.push(`  note right of ${mermaidId(first.id)}`, `    In every state: ${label(events)} (the flow stays)`, '  end note');
  }
  for (const [name, style] of Object.entries(options.classDefs ?? {})) lines.push(`  classDef ${name} ${style}`);
  if (options.stateClass) {
    for (const state of flow.states) {
      const cls = options.stateClass(state);
      if (cls !== undefined) lines.push(`  class ${mermaidId(state.id)} ${cls}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
