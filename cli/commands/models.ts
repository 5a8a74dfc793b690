/**
 * `authconf models [NAME] [--format table|json|mermaid]`: the flow machines (models/machines),
 * as a list, as JSON (states and transitions with their requirement IDs), or as Mermaid
 * `stateDiagram-v2` text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describeFlow } from '../../models/graph/describe.ts';
import type { FlowJson } from '../../models/graph/describe.ts';
import { renderFlowsSection, replaceFlowsSection } from '../../models/graph/flows-doc.ts';
import { toMermaid } from '../../models/graph/mermaid.ts';
import { flowMachine, flowMachineIds, flowMachines } from '../../models/machines/index.ts';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';
import { type CommandSpec, parseOptions, str, usageOf } from '../options.ts';
import { didYouMean } from '../../suites/runner/suggest.ts';

export const spec: CommandSpec = {
  name: 'models',
  summary: 'List the flow machines, or show one as a table, JSON or Mermaid',
  positionals: '[NAME]',
  maxPositionals: 1,
  description: `Lists the flow machines, or shows one (NAME) with its states and transitions.
JSON: machines with id, title, seed, states and transitions (each with its requirement IDs);
one object when NAME is given. Mermaid: stateDiagram-v2 text.
Machines: ${flowMachineIds.join(', ')}`,
  options: [
    { name: 'format', type: 'string', value: 'FORMAT', choices: ['table', 'json', 'mermaid'], default: 'table', help: 'output format' },
    {
      name: 'update-readme',
      type: 'string',
      value: 'FILE',
      help: ['rewrite the block between <!-- flows:start --> and <!-- flows:end --> in FILE', "(the README) from the machines ('npm run docs:flows')"],
    },
  ],
};

function parse(argv: string[]): { name: string | undefined; format: string; readme: string | undefined } {
  const { values, positionals } = parseOptions(spec, argv);
  return { name: positionals[0], format: str(values, 'format') ?? 'table', readme: str(values, 'update-readme') };
}

function printTable(flows: FlowJson[], io: Io): void {
  const width = Math.max('machine'.length, ...flows.map((f) => f.id.length));
  io.out(`${'machine'.padEnd(width)}  states  transitions  title`);
  for (const f of flows) io.out(`${f.id.padEnd(width)}  ${String(f.states.length).padStart(6)}  ${String(f.transitions.length).padStart(11)}  ${f.title}`);
}

function printFlow(flow: FlowJson, io: Io): void {
  io.out(`${flow.id}: ${flow.title} (${flow.seed.join(', ')})`);
  io.out(flow.description);
  io.out('\nStates:');
  for (const s of flow.states) {
    const tags = [s.final ? 'final' : '', s.transient ? 'transient' : '', s.status ?? '', s.testId ?? ''].filter(Boolean).join(', ');
    io.out(`  ${s.id}${tags ? ` [${tags}]` : ''}  ${s.requirements.join(' ')}`);
  }
  io.out('\nTransitions:');
  for (const t of flow.transitions) {
    const guard = t.guard === undefined ? '' : ` [${t.guard}]`;
    io.out(`  ${t.source} --${t.event}${guard}--> ${t.target}  ${t.requirements.join(' ')}`);
  }
}

/** Rewrite the README's flows block from the machines; exit 2 when the file or its markers are missing. */
function updateReadme(file: string, io: Io): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read '${file}'`);
  }
  let updated: string;
  try {
    updated = replaceFlowsSection(text, renderFlowsSection(flowMachines.map(describeFlow)));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (updated === text) io.out(`${file}: flows section up to date`);
  else {
    writeFileSync(file, updated);
    io.out(`${file}: flows section regenerated from ${flowMachines.length} machines`);
  }
  return 0;
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const { name, format, readme } = parse(argv);
    if (readme !== undefined) return updateReadme(readme, io);
    let entries = flowMachines;
    if (name !== undefined) {
      const entry = flowMachine(name);
      if (!entry) throw new UsageError(`unknown machine '${name}'.${didYouMean(name, flowMachineIds)} The machines are: ${flowMachineIds.join(', ')}`, 'UNKNOWN_MACHINE');
      entries = [entry];
    }
    const flows = entries.map(describeFlow);
    if (format === 'json') io.out(JSON.stringify(name === undefined ? flows : flows[0], null, 2));
    else if (format === 'mermaid') io.out(flows.map((f) => `%% ${f.id}: ${f.title}\n${toMermaid(f)}`).join('\n'));
    else if (name === undefined) printTable(flows, io);
    else printFlow(flows[0] as FlowJson, io);
    return 0;
  },
};

export default command;
