/**
 * `authconf merge DIR... --out DIR`: joins the output directories of `authconf run --shard I/N`
 * into one set of reports (conformance.json, conformance.html, junit.xml, allure-results/ and
 * evidence/), as one unsharded run would have written them.
 */
import { cp, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../../models/error-codes.ts';
import { writeReports } from '../../reports/index.ts';
import type { ConformanceResult } from '../../reports/schema.ts';
import { mergeResults } from '../../suites/runner/merge.ts';
import type { Command, Io } from '../command.ts';
import { type CommandSpec, parseOptions, str, usageOf } from '../options.ts';
import { finishRun } from './run.ts';

export const spec: CommandSpec = {
  name: 'merge',
  summary: "Join the reports of 'authconf run --shard I/N' runs into one set of reports",
  positionals: 'DIR...',
  maxPositionals: Number.MAX_SAFE_INTEGER,
  description: `Reads DIR/conformance.json of every shard, checks they are shards of one run (same plan,
driver, target, seed, variants, deviations, coverage and version; every shard once), and writes
conformance.json, conformance.html and junit.xml for the whole run, with the shards'
allure-results/ and evidence/ copied together (then 'authconf report --out DIR').`,
  options: [
    { name: 'out', type: 'string', value: 'DIR', required: true, help: 'where to write the merged reports (not one of the shards)' },
    { name: 'format', type: 'string', value: 'FORMAT', choices: ['table', 'json'], default: 'table', help: 'the summary on stdout: a table, or one JSON object' },
  ],
  footer: 'Exit codes: 0 every applicable MUST requirement passed; 1 some failed; 2 usage error (MERGE_MISMATCH when the shards do not belong together).',
};

async function readShard(dir: string): Promise<{ name: string; result: ConformanceResult }> {
  const file = join(dir, 'conformance.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`no ${file}: give the --out directories of 'authconf run --shard I/N'`, 'MERGE_MISMATCH');
  }
  try {
    return { name: dir, result: JSON.parse(text) as ConformanceResult };
  } catch (error) {
    throw new UsageError(`${file} is not JSON (${(error as Error).message})`, 'MERGE_MISMATCH');
  }
}

async function copyDir(from: string, to: string): Promise<number> {
  if (!(await stat(from).catch(() => undefined))?.isDirectory()) return 0;
  await mkdir(to, { recursive: true });
  const names = await readdir(from);
  await Promise.all(names.map((name) => cp(join(from, name), join(to, name), { recursive: true, force: false, errorOnExist: false })));
  return names.length;
}

/** Merge shard directories into `out`; returns the merged result and the files written. */
export async function mergeDirs(dirs: readonly string[], out: string): Promise<{ result: ConformanceResult; files: string[]; allure: number }> {
  const target = resolve(out);
  if (dirs.some((d) => resolve(d) === target)) throw new UsageError('--out must be a new directory, not one of the shards', 'USAGE');
  const result = mergeResults(await Promise.all(dirs.map(readShard)));
  await rm(join(target, 'allure-results'), { recursive: true, force: true });
  await rm(join(target, 'evidence'), { recursive: true, force: true });
  let allure = 0;
  for (const dir of dirs) {
    allure += await copyDir(join(dir, 'allure-results'), join(target, 'allure-results'));
    await copyDir(join(dir, 'evidence'), join(target, 'evidence'));
  }
  const written = await writeReports(result, target);
  return { result, files: [written.json, written.html, written.junit, join(target, 'allure-results')], allure };
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseOptions(spec, argv);
    const out = str(values, 'out')!;
    if (positionals.length === 0) throw new UsageError("give the shards' output directories: authconf merge DIR... --out DIR", 'USAGE');
    io.err(`authconf merge: reading ${positionals.length} shard(s)...`);
    const { result, files, allure } = await mergeDirs(positionals, out);
    io.err(`authconf merge: ${result.paths.length} paths; wrote ${files.slice(0, 3).join(', ')} and ${allure} Allure files`);
    const format = str(values, 'format');
    return finishRun(result, files, io, { ...(format ? { format } : {}), ...(io.outPalette ? { palette: io.outPalette } : {}) });
  },
};

export default command;
