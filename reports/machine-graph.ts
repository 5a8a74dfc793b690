/**
 * The graph the HTML diagram draws: `MachineCoverage.graph` when the engine supplies it, else
 * read from the Mermaid `stateDiagram-v2` source (flat: nested `state X {` blocks are flattened,
 * transitions labelled `A --TEXT--> B`, as the label convention reads).
 */
import type { MachineCoverage, MachineGraph } from './schema.ts';

const ARROW = /^\s*(\[\*\]|[\w.-]+)\s*-->\s*(\[\*\]|[\w.-]+)\s*(?::\s*(.*))?$/;

export function graphFromMermaid(source: string): MachineGraph {
  const states: string[] = [];
  const transitions: MachineGraph['transitions'] = [];
  let initial = '';
  const addState = (state: string): void => {
    if (state !== '[*]' && !states.includes(state)) states.push(state);
  };
  for (const line of source.split('\n')) {
    const match = ARROW.exec(line);
    if (!match) continue;
    const [, from, to, text] = match as unknown as [string, string, string, string | undefined];
    if (from === '[*]') {
      if (!initial) initial = to;
      addState(to);
      continue;
    }
    addState(from);
    if (to === '[*]') continue;
    addState(to);
    const event = (text ?? '').trim();
    transitions.push({ label: `${from} --${event}--> ${to}`, source: from, event, targets: [to] });
  }
  return { initial: initial || states[0] || '', states, transitions };
}

export function machineGraph(machine: MachineCoverage): MachineGraph {
  return machine.graph ?? graphFromMermaid(machine.mermaid);
}

/** The event (and guard) part of a transition label, `EVENT [guard]`. */
export function transitionText(label: string, fallback: string): string {
  const match = / --(.*)--> /.exec(label);
  return match?.[1] ?? fallback;
}

export type TransitionStatus = 'failed' | 'covered' | 'uncovered';

export function transitionStatus(machine: MachineCoverage, label: string): TransitionStatus {
  if (machine.transitions.failed.includes(label)) return 'failed';
  if (machine.transitions.covered.includes(label)) return 'covered';
  return 'uncovered';
}
