/**
 * `authconf requirements [--format table|json]`: the requirement registry
 * (models/requirements.ts), each entry with the machine states and transitions that cite it
 * (`citedBy`: reached there) and the checks that enforce it (`checkedBy`: only these can pass it).
 */
import { citationsOf, describeFlow } from '../../models/graph/describe.ts';
import { flowMachines } from '../../models/machines/index.ts';
import { requirementIds, requirements } from '../../models/requirements.ts';
import { checkCatalog } from '../../suites/checks/check.ts';
// Loads every machine binding, and with them every check module (each registers its checks in the catalog).
import '../../suites/executors/index.ts';
import type { Level, RequirementSource } from '../../models/requirements.ts';
import type { Command, Io } from '../command.ts';
import { type CommandSpec, parseOptions, str, usageOf } from '../options.ts';

export const spec: CommandSpec = {
  name: 'requirements',
  summary: 'List the requirement registry with what reaches and what checks each requirement',
  description: `Every requirement: its ID, level (MUST, SHOULD, POLICY, OUT-OF-SCOPE), source (seed file
and section, or URL), a one-line paraphrase, what cites it in the flow machines (citedBy:
'machine#state' or 'machine#source --EVENT [guard]--> target': a path reaches it there) and the
checks that enforce it (checkedBy: the only way it can pass a run). JSON: one object per
requirement: id, level, source, text, readings?, citedBy, checkedBy.`,
  options: [{ name: 'format', type: 'string', value: 'FORMAT', choices: ['table', 'json'], default: 'table', help: 'output format' }],
};

export interface RequirementRow {
  id: string;
  level: Level;
  source: RequirementSource;
  text: string;
  readings?: Record<string, string>;
  citedBy: string[];
  /** Names of the checks (suites/checks/check.ts `defineCheck`) that cite it. */
  checkedBy: string[];
}

/** Requirement ID -> the names of the checks in the catalog that cite it. */
export function checkedByIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const check of checkCatalog()) for (const id of check.requirements) index.set(id, [...(index.get(id) ?? []), check.name]);
  return index;
}

/** The registry joined with the machines' citations and the checks' catalog, in registry order. */
export function requirementRows(): RequirementRow[] {
  const cited = citationsOf(flowMachines.map(describeFlow));
  const checked = checkedByIndex();
  return requirementIds.map((id) => {
    const r: { level: Level; source: RequirementSource; text: string; readings?: Record<string, string> } = requirements[id];
    const row: RequirementRow = { id, level: r.level, source: r.source, text: r.text, citedBy: cited.get(id) ?? [], checkedBy: checked.get(id) ?? [] };
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
  const pad = ''.padEnd(idWidth);
  io.out(`${'id'.padEnd(idWidth)}  level         cited  checks  text`);
  for (const r of rows) {
    io.out(`${r.id.padEnd(idWidth)}  ${r.level.padEnd(12)}  ${String(r.citedBy.length).padStart(5)}  ${String(r.checkedBy.length).padStart(6)}  ${r.text}`);
    io.out(`${pad}                               source: ${sourceText(r.source)}`);
    if (r.checkedBy.length) io.out(`${pad}                               checkedBy: ${r.checkedBy.join(', ')}`);
    for (const [value, reading] of Object.entries(r.readings ?? {})) io.out(`${pad}                               reading ${value}: ${reading}`);
  }
  const count = (level: Level) => rows.filter((r) => r.level === level).length;
  const uncited = rows.filter((r) => r.level === 'MUST' && r.citedBy.length === 0).length;
  const unchecked = rows.filter((r) => r.level === 'MUST' && r.checkedBy.length === 0).length;
  io.out(`\n${rows.length} requirements: ${count('MUST')} MUST, ${count('SHOULD')} SHOULD, ${count('POLICY')} POLICY, ${count('OUT-OF-SCOPE')} OUT-OF-SCOPE; ${uncited} MUST not cited by a machine, ${unchecked} MUST without a check.`);
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
