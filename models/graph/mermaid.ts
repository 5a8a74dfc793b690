/**
 * A flow as a Mermaid `stateDiagram-v2`, from its `FlowJson` (models/graph/describe.ts). Pure
 * text in, text out, so the README block regenerates byte for byte and the reports can colour
 * states: pass `classDefs` (name -> Mermaid style) and `stateClass` (state -> class name).
 *
 * Mermaid state ids cannot contain dots, so a nested state `pushWaiting.approved` becomes
 * `pushWaiting_approved`, labelled `approved` inside its composite state; an edge that crosses a
 * composite boundary is drawn from or to the composite (see `placeTransition`). Transitions that
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

/** `a.b.c` -> [`a`, `a.b`, `a.b.c`]. */
function chain(stateId: string): string[] {
  const keys = stateId.split('.');
  return keys.map((_, i) => keys.slice(0, i + 1).join('.'));
}

/**
 * Where a transition is drawn: inside the composite state that encloses both ends (`scope`,
 * undefined for the top level), between the children of that scope that hold each end. Mermaid
 * cannot draw an edge from inside one composite state to another, so such an edge starts or ends
 * at the composite state, and its label names the inner state.
 */
export function placeTransition(source: string, target: string): { scope: string | undefined; from: string; to: string } {
  const a = chain(source);
  const b = chain(target);
  let common = 0;
  while (common < a.length - 1 && common < b.length - 1 && a[common] === b[common]) common++;
  const scope = common === 0 ? undefined : a[common - 1];
  return { scope, from: a[common] as string, to: b[common] as string };
}

export function toMermaid(flow: FlowJson, options: MermaidOptions = {}): string {
  const lines: string[] = ['stateDiagram-v2'];
  if (options.direction) lines.push(`  direction ${options.direction}`);
  const children = (parent: string | undefined) => flow.states.filter((s) => s.parent === parent);
  const edges = flow.transitions
    .filter((t) => t.source !== '*')
    .map((t) => {
      const place = placeTransition(t.source, t.target);
      let text = t.guard === undefined ? t.event : `${t.event} [${t.guard}]`;
      if (place.from !== t.source) text += ` from ${t.source.slice(place.from.length + 1)}`;
      if (place.to !== t.target) text += ` to ${t.target.slice(place.to.length + 1)}`;
      return { ...place, text: label(text) };
    });

  const emit = (parent: string | undefined, indent: string): void => {
    const here = children(parent);
    const initial = here.find((s) => s.initial);
    if (initial) lines.push(`${indent}[*] --> ${mermaidId(initial.id)}`);
    for (const state of here) {
      const id = mermaidId(state.id);
      const name = state.id.split('.').at(-1) ?? state.id;
      if (children(state.id).length > 0) {
        lines.push(`${indent}state "${label(name)}" as ${id} {`);
        emit(state.id, `${indent}  `);
        lines.push(`${indent}}`);
      } else if (name !== id) {
        lines.push(`${indent}state "${label(name)}" as ${id}`);
      }
      if (state.final) lines.push(`${indent}${id} --> [*]`);
    }
    for (const e of edges.filter((x) => x.scope === parent)) lines.push(`${indent}${mermaidId(e.from)} --> ${mermaidId(e.to)}: ${e.text}`);
  };
  emit(undefined, '  ');

  const everywhere = flow.transitions.filter((t) => t.source === '*');
  const first = flow.states.find((s) => s.initial && s.parent === undefined);
  if (everywhere.length > 0 && first) {
    // A root transition either stays (targetless: GET, an action outside `_links`) or leaves
    // every state for one target (FLOW.EXPIRE -> flowExpired); the note says which.
    const stays = [...new Set(everywhere.filter((t) => t.target === '*').map((t) => t.event))];
    const moves = [...new Set(everywhere.filter((t) => t.target !== '*').map((t) => `${t.event} → ${t.target}`))];
    const note: string[] = [];
    if (stays.length > 0) note.push(`    In every state: ${label(stays.join(', '))} (the flow stays)`);
    if (moves.length > 0) note.push(`    From every state: ${label(moves.join(', '))}`);
    lines.push(`  note right of ${mermaidId(first.id)}`, ...note, '  end note');
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
