/**
 * `authconf baseline --from DIR/conformance.json --out FILE`: writes the baseline of known
 * failures (suites/runner/baseline.ts) that `authconf run --expect FILE` checks against: every
 * requirement the run failed, with the run's first error as its reason (edit the reasons).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../../models/error-codes.ts';
import type { ConformanceResult } from '../../reports/schema.ts';
import { baselineFrom } from '../../suites/runner/baseline.ts';
import type { Command, Io } from '../command.ts';
import { type CommandSpec, parseOptions, str, usageOf } from '../options.ts';

export const spec: CommandSpec = {
  name: 'baseline',
  summary: "Write a baseline of known failures from a run, for 'authconf run --expect FILE'",
  description: `Every requirement the run failed, with the run's first error as its reason: replace the
reasons with yours (a ticket, a vendor note). 'authconf run --expect FILE' then passes when the
failures are exactly these, and fails on a new failure and on a known one that no longer fails.`,
  options: [
    { name: 'from', type: 'string', value: 'FILE', required: true, help: "a run's conformance.json (e.g. reports/out/conformance.json)" },
    { name: 'out', type: 'string', value: 'FILE', help: 'the baseline file to write (JSON); without it, printed on stdout' },
  ],
};

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const { values } = parseOptions(spec, argv);
    const from = str(values, 'from')!;
    let result: ConformanceResult;
    try {
      result = JSON.parse(await readFile(from, 'utf8')) as ConformanceResult;
    } catch (error) {
      throw new UsageError(`cannot read --from ${from}: ${(error as Error).message}; run 'authconf run --out DIR' first`, 'USAGE');
    }
    if (!Array.isArray(result.requirements)) throw new UsageError(`--from ${from} is not a conformance.json (no requirements)`, 'USAGE');
    const baseline = baselineFrom(result);
    const text = `${JSON.stringify(baseline, null, 2)}\n`;
    const out = str(values, 'out');
    if (out === undefined) io.out(text.trimEnd());
    else {
      await writeFile(out, text, 'utf8');
      io.err(`authconf baseline: ${baseline.knownFailures.length} known failure(s) written to ${out}; edit the reasons, then 'authconf run --expect ${out}'`);
    }
    return 0;
  },
};

export default command;
