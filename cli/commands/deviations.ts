/**
 * `authconf deviations`: the reference server's and sims' named deviations (models/deviations.ts),
 * each with the requirement a conformance run must report failed when it is on.
 */
import { deviations } from '../../models/deviations.ts';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: authconf deviations [--format table|json]

Lists the named deviations ('authconf serve --deviate NAME', 'authconf run --deviate NAME')
and the requirement each one breaks.`;

export function deviationRows(): { name: string; side: string; breaks: string; behaviour: string }[] {
  return Object.entries(deviations).map(([name, d]) => ({ name, side: d.side, breaks: d.breaks, behaviour: d.behaviour }));
}

const command: Command = {
  summary: 'List the named deviations and the requirement each breaks',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    let format = 'table';
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--format') format = argv[++i] ?? '';
      else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
      else throw new UsageError(`unknown option '${arg}'`);
    }
    const rows = deviationRows();
    if (format === 'json') {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    if (format !== 'table') throw new UsageError(`--format takes table or json, not '${format}'`);
    const width = (key: keyof (typeof rows)[number]): number => Math.max(key.length, ...rows.map((r) => r[key].length));
    const [n, s, b] = [width('name'), width('side'), width('breaks')];
    io.out(`${'name'.padEnd(n)}  ${'side'.padEnd(s)}  ${'breaks'.padEnd(b)}  behaviour`);
    for (const r of rows) io.out(`${r.name.padEnd(n)}  ${r.side.padEnd(s)}  ${r.breaks.padEnd(b)}  ${r.behaviour}`);
    return 0;
  },
};

export default command;
