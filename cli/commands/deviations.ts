/**
 * `authconf deviations`: the reference server's and sims' named deviations (models/deviations.ts),
 * each with the requirement a conformance run must report failed when it is on.
 */
import { deviations } from '../../models/deviations.ts';
import type { Command, Io } from '../command.ts';
import { type CommandSpec, parseOptions, str, usageOf } from '../options.ts';

export const spec: CommandSpec = {
  name: 'deviations',
  summary: 'List the named deviations and the requirement each breaks',
  description: "The named deviations ('authconf serve --deviate NAME', 'authconf run --deviate NAME') and the requirement each one breaks.",
  options: [{ name: 'format', type: 'string', value: 'FORMAT', choices: ['table', 'json'], default: 'table', help: 'output format' }],
};

export function deviationRows(): { name: string; side: string; breaks: string; behaviour: string }[] {
  return Object.entries(deviations).map(([name, d]) => ({ name, side: d.side, breaks: d.breaks, behaviour: d.behaviour }));
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const format = str(parseOptions(spec, argv).values, 'format') ?? 'table';
    const rows = deviationRows();
    if (format === 'json') {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const width = (key: keyof (typeof rows)[number]): number => Math.max(key.length, ...rows.map((r) => r[key].length));
    const [n, s, b] = [width('name'), width('side'), width('breaks')];
    io.out(`${'name'.padEnd(n)}  ${'side'.padEnd(s)}  ${'breaks'.padEnd(b)}  behaviour`);
    for (const r of rows) io.out(`${r.name.padEnd(n)}  ${r.side.padEnd(s)}  ${r.breaks.padEnd(b)}  ${r.behaviour}`);
    return 0;
  },
};

export default command;
