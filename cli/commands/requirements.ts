/**
 * `authconf requirements [--format table|json]`: the requirement registry
 * (models/requirements.ts), each entry with the machine states and transitions that cite it.
 */
import { citationsOf, describeFlow } from '../../models/graph/describe.ts';
import { flowMachines } from '../../models/machines/index.ts';
import { requirementIds, requirements } from '../../models/requirements.ts';
import type { Level, RequirementSource } from '../../models/requirements.ts';
import type { Command, Io } from '../command.ts';
import { type CommandSpec, parseOptions, str, usageOf } from '../options.ts';

export const spec: CommandSpec = {
  name: 'requirements',
  summary: 'List the requirement registry with what cites each requirement',
  description: `Every requirement: its ID, level (MUST, SHOULD, POLICY), source (seed file and section,
or URL), a one-line paraphrase, and what cites it in the flow machines (citedBy:
'machine#state' or 'machine#source --EVENT [guard]--> target'). JSON: one object per
requirement: id, level, source, text, readings?, citedBy.`,
  options: [{ name: 'format', type: 'string', value: 'FORMAT', choices: ['table', 'json'], default: 'table', help: 'output format' }],
};

export interface RequirementRow {
  id: string;
  level: Level;
  source: RequirementSource;
  text: string;
  readings?: Record<string, string>;
  citedBy: string[];
}

/** The registry joined with the machines' citations, in registry order. */
export function requirementRows(): RequirementRow[] {
  const cited = citationsOf(flowMachines.map(describeFlow));
  return requirementIds.map((id) => {
    const r: { level: Level; source: RequirementSource; text: string; readings?: Record<string, string> } = requirements[id];
    const row: RequirementRow = { id, level: r.level, source: r.source, text: r.text, citedBy: cited.get(id) ?? [] };
    if (r.readings) row.readings = r.readings;
    return row;
  });
}

function sourceText(source: RequirementSource): string {
  if (source.url !== undefined) return source.url;
  const step = source.step === undefined ? '' : ` step ${source.step}`;
  return `${(source.seed ?? '').slice(0, 3)} ${source.section ?? ''}${step}`;
}

function printTable(rows: RequirementRow[], io: Io): void {
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  io.out(`${'id'.padEnd(idWidth)}  level   cited  text`);
  for (const r of rows) {
    io.out(`${r.id.padEnd(idWidth)}  ${r.level.padEnd(6)}  ${String(r.citedBy.length).padStart(5)}  ${r.text}`);
    io.out(`${''.padEnd(idWidth)}                 source: ${sourceText(r.source)}`);
    for (const [value, reading] of Object.entries(r.readings ?? {})) io.out(`${''.padEnd(idWidth)}                 reading ${value}: ${reading}`);
  }
  const count = (level: Level) => rows.filter((r) => r.level === level).length;
  const uncited = rows.filter((r) => r.level === 'MUST' && r.citedBy.length === 0).length;
  io.out(`\n${rows.length} requirements: ${count('MUST')} MUST, ${count('SHOULD')} SHOULD, ${count('POLICY')} POLICY; ${uncited} MUST not cited by a machine.`);
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const format = str(parseOptions(spec, argv).values, 'format') ?? 'table';
    const rows = requirementRows();
    if (format === 'json') io.out(JSON.stringify(rows, null, 2));
    else printTable(rows, io);
    return 0;
  },
};

export default command;
